package typedhooks

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/typedhooks/typedhooks/internal/fastjson"
)

// TimeForm records how a [Time] was written on the wire, so that it can be
// written back the same way.
type TimeForm uint8

// The forms a [Time] accepts.
const (
	// TimeFormNone is the form of a Time that was never decoded, or was null.
	TimeFormNone TimeForm = iota
	// TimeFormRFC3339 is a JSON string in RFC 3339 form, with any number of
	// fractional digits ("2024-11-21T06:47:49.555247073Z").
	TimeFormRFC3339
	// TimeFormUnixSeconds is a JSON number of seconds since the Unix epoch,
	// possibly with a fraction (1696424259 or 1696424259.573).
	TimeFormUnixSeconds
	// TimeFormUnixMillis is a JSON number of milliseconds since the Unix
	// epoch (1696424259573), as Crossmint sends its timestamp member.
	TimeFormUnixMillis
	// TimeFormText is a JSON string that is not a time this package can
	// read. The time is zero and the text is kept (see [Time.Text]) so that
	// the event is neither rejected nor changed when encoded again.
	TimeFormText
)

// millisThreshold separates Unix seconds from Unix milliseconds: 1e11 seconds
// is in the year 5138, while 1e11 milliseconds is in 1973, before any of
// these providers existed.
const millisThreshold = 1e11

// Time is a point in time that decodes from whatever form a provider sends:
// an RFC 3339 string with any fraction, Unix seconds or Unix milliseconds as a
// JSON number, either of those as a string of digits, or null. It encodes
// back in the form it came in, so a parsed event marshals to what was
// received. A Time built in Go (see [NewTime]) encodes as RFC 3339.
//
// Time embeds time.Time, so its methods (Before, Unix, Format, ...) are
// available directly.
//
// Compare two Times with [Time.Equal], not ==, reflect.DeepEqual or
// testify's assert.Equal: a Time also records the form it came in, so the
// same instant read from "2024-01-02T03:04:05Z" and from 1704164645 is two
// different struct values. go-cmp's cmp.Equal calls Equal by itself; with
// testify, write assert.True(t, a.Equal(b)).
type Time struct {
	time.Time
	form   TimeForm
	quoted bool // a number that came as a JSON string
	digits int8 // fractional digits of an RFC 3339 form; -1 for as many as needed
	text   string
}

// NewTime returns t as a Time that encodes in RFC 3339 with as many
// fractional digits as it needs.
func NewTime(t time.Time) Time {
	return Time{Time: t, form: TimeFormRFC3339, digits: -1}
}

// Equal reports whether t and u hold the same instant, whatever form each
// came in. u is a Time or a time.Time (anything with time.Time's UTC
// method), so that ev.Timestamp.Equal(time.Now()) reads as it does with
// time.Time, and so that go-cmp's cmp.Equal, which looks for an Equal method
// taking the type's own values, compares Times (and events holding them) by
// instant. Text kept in [TimeFormText] holds no instant: it equals only a
// Time holding the same text.
func (t Time) Equal(u interface{ UTC() time.Time }) bool {
	ut, isTime := u.(Time)
	if t.form == TimeFormText || isTime && ut.form == TimeFormText {
		return isTime && t.form == ut.form && t.text == ut.text
	}
	return t.Time.Equal(u.UTC())
}

// Form reports the form the value was decoded from.
func (t Time) Form() TimeForm { return t.form }

// IsZero reports whether t holds no value: it was absent, null or empty.
// Unlike time.Time's IsZero, it is false for text kept in [TimeFormText], so
// that `omitzero` never drops a value that was received.
func (t Time) IsZero() bool { return t.form == TimeFormNone && t.Time.IsZero() }

// Text returns the original string of a value in [TimeFormText], and "" for
// every other form.
func (t Time) Text() string { return t.text }

// UnmarshalJSON implements json.Unmarshaler.
func (t *Time) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if string(data) == "null" {
		*t = Time{}
		return nil
	}
	if len(data) >= 2 && data[0] == '"' && data[len(data)-1] == '"' {
		t.setString(data)
		return nil
	}
	if len(data) > 0 && (data[0] == '-' || (data[0] >= '0' && data[0] <= '9')) && t.setNumber(string(data)) {
		return nil
	}
	// Not a string, a number in range or null: an error here would abort
	// decoding of the whole event (encoding/json stops at an Unmarshaler's
	// error), so the value is dropped instead.
	*t = Time{}
	return nil
}

// setString reads the JSON string data (quotes included) as a time, a
// number of seconds or milliseconds, or text kept as it is.
func (t *Time) setString(data []byte) {
	var s string
	if inner := data[1 : len(data)-1]; fastjson.IsPlain(inner) {
		// The usual case, an RFC 3339 time, is parsed from a view of the
		// bytes rather than a copy: neither the time.Time nor the number
		// parsed from it refers to s, and the text form copies it.
		s = unsafe.String(unsafe.SliceData(inner), len(inner))
	} else {
		var ok bool
		if s, ok = fastjson.StringValue(data); !ok {
			*t = Time{}
			return
		}
	}
	if s == "" {
		*t = Time{}
		return
	}
	if isNumeric(s) && t.setNumber(s) {
		t.quoted = true
		return
	}
	if parsed, digits, ok := parseUTC(s); ok {
		*t = Time{Time: parsed, form: TimeFormRFC3339, digits: int8(digits)}
		return
	}
	parsed, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		*t = Time{form: TimeFormText, text: strings.Clone(s)}
		return
	}
	*t = Time{Time: parsed, form: TimeFormRFC3339, digits: int8(fractionDigits(s))}
}

// setNumber reads s as Unix seconds or milliseconds and reports whether it
// could; numbers beyond year ±3 million are not times.
func (t *Time) setNumber(s string) bool {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) || math.Abs(f) > 1e17 {
		return false
	}
	if math.Abs(f) >= millisThreshold {
		ms, frac := math.Modf(f)
		*t = Time{Time: time.UnixMilli(int64(ms)).Add(time.Duration(math.Round(frac * 1e6))), form: TimeFormUnixMillis}
		t.digits = int8(min(fractionDigits(s), 6))
		return true
	}
	sec, frac := math.Modf(f)
	*t = Time{Time: time.Unix(int64(sec), int64(math.Round(frac*1e9))), form: TimeFormUnixSeconds}
	t.digits = int8(min(fractionDigits(s), 9))
	return true
}

// MarshalJSON implements json.Marshaler, writing the form the value came in.
func (t Time) MarshalJSON() ([]byte, error) {
	return t.AppendJSON(make([]byte, 0, 40)), nil
}

// AppendJSON appends the JSON encoding of t to b.
func (t Time) AppendJSON(b []byte) []byte {
	if t.form == TimeFormNone && t.Time.IsZero() {
		return append(b, "null"...)
	}
	switch t.form {
	case TimeFormText:
		q, _ := json.Marshal(t.text)
		return append(b, q...)
	case TimeFormUnixSeconds, TimeFormUnixMillis:
		if t.quoted {
			b = append(b, '"')
		}
		if t.form == TimeFormUnixMillis && t.digits > 0 {
			b = strconv.AppendFloat(b, float64(t.UnixNano())/1e6, 'f', int(t.digits), 64)
		} else if t.form == TimeFormUnixMillis {
			b = strconv.AppendInt(b, t.UnixMilli(), 10)
		} else if t.digits > 0 {
			b = strconv.AppendFloat(b, float64(t.UnixNano())/1e9, 'f', int(t.digits), 64)
		} else {
			b = strconv.AppendInt(b, t.Unix(), 10)
		}
		if t.quoted {
			b = append(b, '"')
		}
		return b
	default:
		b = append(b, '"')
		b = t.Time.AppendFormat(b, layoutFor(t.digits, t.form))
		return append(b, '"')
	}
}

var fixedLayouts = func() [10]string {
	var l [10]string
	l[0] = time.RFC3339
	for d := 1; d <= 9; d++ {
		l[d] = "2006-01-02T15:04:05." + "000000000"[:d] + "Z07:00"
	}
	return l
}()

func layoutFor(digits int8, form TimeForm) string {
	if form != TimeFormRFC3339 || digits < 0 || digits > 9 {
		return time.RFC3339Nano
	}
	return fixedLayouts[digits]
}

// fractionDigits counts the digits after the first decimal point in s. Its
// callers pass only text that parsed as a time or a number, which has at
// most one point.
func fractionDigits(s string) int {
	dot := strings.IndexByte(s, '.')
	if dot < 0 {
		return 0
	}
	n := 0
	for _, c := range []byte(s[dot+1:]) {
		if c < '0' || c > '9' {
			break
		}
		n++
	}
	return n
}

func isNumeric(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && c != '.' && !(i == 0 && c == '-') {
			return false
		}
	}
	return true
}

// parseUTC reads the form providers use, "2006-01-02T15:04:05Z" with up to
// nine fractional digits, in a fifth of time.Parse's time (most of which goes
// to time.Date's normalisation, which a checked UTC time does not need). It
// reports false for any other text, which time.Parse then reads; what it
// reads, it reads exactly as time.Parse(time.RFC3339Nano) does
// (FuzzParseUTC_SameAsTimeParse).
func parseUTC(s string) (t time.Time, fraction int, ok bool) {
	if len(s) < len("2006-01-02T15:04:05Z") || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
		s[13] != ':' || s[16] != ':' || s[len(s)-1] != 'Z' {
		return time.Time{}, 0, false
	}
	year, ok1 := digitsAt(s, 0, 4)
	month, ok2 := digitsAt(s, 5, 2)
	day, ok3 := digitsAt(s, 8, 2)
	hour, ok4 := digitsAt(s, 11, 2)
	minute, ok5 := digitsAt(s, 14, 2)
	sec, ok6 := digitsAt(s, 17, 2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 ||
		day > daysIn(month, year) || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, 0, false
	}
	nsec := 0
	if frac := s[19 : len(s)-1]; frac != "" {
		fraction = len(frac) - 1
		if frac[0] != '.' || fraction < 1 || fraction > 9 {
			return time.Time{}, 0, false
		}
		n, ok := digitsAt(frac, 1, fraction)
		if !ok {
			return time.Time{}, 0, false
		}
		for range 9 - fraction {
			n *= 10
		}
		nsec = n
	}
	unix := daysSinceEpoch(year, month, day)*86400 + int64(hour*3600+minute*60+sec)
	return time.Unix(unix, int64(nsec)).UTC(), fraction, true
}

// digitsAt reads the n decimal digits at s[i:].
func digitsAt(s string, i, n int) (int, bool) {
	v := 0
	for _, c := range []byte(s[i : i+n]) {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysSinceEpoch counts the days from 1970-01-01 to a date of the proleptic
// Gregorian calendar (the days-from-civil algorithm: years start in March,
// so that the leap day ends one).
func daysSinceEpoch(year, month, day int) int64 {
	y := int64(year)
	if month <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	m := int64(month)
	if m > 2 {
		m -= 3
	} else {
		m += 9
	}
	doy := (153*m+2)/5 + int64(day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// Times decode inside internal/fastjson without a call through
// json.Unmarshaler.
func init() {
	fastjson.Leaf(func(t *Time, raw []byte, _ bool) bool {
		return t.UnmarshalJSON(raw) == nil
	})
}
