// Command routers mounts a typedhooks dispatcher on each of the common Go
// routers: the standard library's http.ServeMux, chi, gorilla/mux, gin and
// echo. A *dispatch.Dispatcher is an http.Handler, so every router takes it
// as is or through its standard-handler adapter (gin.WrapH,
// echo.WrapHandler); nothing router-specific is needed.
//
// It is a separate module so that the typedhooks module itself does not
// depend on any router.
//
//	CROSSMINT_WEBHOOK_SECRET=whsec_... go run . -router chi -addr :8080
package main
