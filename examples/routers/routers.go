package main

import (
	"fmt"
	"net/http"
	"sort"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gorilla/mux"
	"github.com/labstack/echo/v4"
)

// webhookPath is where every router mounts the dispatcher.
const webhookPath = "/webhooks/crossmint"

// routers builds a router of each kind around the same webhook handler.
var routers = map[string]func(webhook http.Handler) http.Handler{
	"servemux": func(webhook http.Handler) http.Handler {
		m := http.NewServeMux()
		m.Handle("POST "+webhookPath, webhook)
		return m
	},
	"chi": func(webhook http.Handler) http.Handler {
		r := chi.NewRouter()
		r.Method(http.MethodPost, webhookPath, webhook)
		return r
	},
	"gorilla": func(webhook http.Handler) http.Handler {
		r := mux.NewRouter()
		r.Handle(webhookPath, webhook).Methods(http.MethodPost)
		return r
	},
	"gin": func(webhook http.Handler) http.Handler {
		gin.SetMode(gin.ReleaseMode)
		r := gin.New()
		// gin answers 404 for a known path with another method unless told
		// otherwise.
		r.HandleMethodNotAllowed = true
		r.POST(webhookPath, gin.WrapH(webhook))
		return r
	},
	"echo": func(webhook http.Handler) http.Handler {
		e := echo.New()
		e.HideBanner = true
		e.POST(webhookPath, echo.WrapHandler(webhook))
		return e
	},
}

// routerNames lists the keys of routers, sorted, for flag help and errors.
func routerNames() []string {
	names := make([]string, 0, len(routers))
	for n := range routers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// newRouter returns the named router with webhook mounted on webhookPath.
func newRouter(name string, webhook http.Handler) (http.Handler, error) {
	build, ok := routers[name]
	if !ok {
		return nil, fmt.Errorf("unknown router %q (one of %v)", name, routerNames())
	}
	return build(webhook), nil
}
