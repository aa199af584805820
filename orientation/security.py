"""Security headers on every response."""

# No inline script or style anywhere: the policy is the whole defence against injected markup.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def set_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    return response


def init_app(app):
    app.after_request(set_headers)
    if app.config["ENV"] == "production":
        app.after_request(_strict_transport)


def _strict_transport(response):
    response.headers["Strict-Transport-Security"] = "max-age=31536000"
    return response
