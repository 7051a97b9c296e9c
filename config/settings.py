"""Settings for the Troop Positions Tracker, read from the environment.

docs/settings.md lists the variables: DATABASE_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS,
CSRF_TRUSTED_ORIGINS, SECURE_SSL_REDIRECT, EMBED_ALLOWED_ORIGINS and the rest.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only ever used with DEBUG=1 on a developer's machine.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "web.admin_site.TrackerAdminConfig",  # Django's admin, with the moderation counts on its index
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Django's form widget templates, found by FORM_RENDERER below beside the project's own.
    "django.forms",
    "django_filters",
    "django_countries",
    "simple_history",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "web",
    "sources",
    "positions",
    "contributions",
    "discovery",
    "limits",
    "releases",
]

MIDDLEWARE = [
    # First, so that their headers reach every response, even the 400 for a disallowed Host,
    # which Django builds inside SecurityMiddleware or CommonMiddleware (web/headers.py).
    "web.headers.BaselineHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CommonMiddleware, so that a cross-origin preflight is answered as such (only under /api/).
    "corsheaders.middleware.CorsMiddleware",
    # A NUL byte in the path, query, cookies or form is a 400, before the session or any view
    # reads the database with it: PostgreSQL refuses such text (web/nul_bytes.py).
    "web.nul_bytes.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the address only (/uk/…), never from the browser or a cookie.
    "web.locale.AddressLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # /countries/GB/ → /countries/gb/ (positions/country_codes.py).
    "positions.country_codes.CountryCodeRedirectMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Reads from a replica unless this request writes, is the admin's, or follows a write (web/db_router.py).
    "web.db_router.PrimaryPinMiddleware",
    # ETag, Last-Modified, 304s and Cache-Control for anonymous reads (web/http_cache.py).
    "web.http_cache.HttpCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Near the end, so that a locked-out login is answered before the view runs.
    "axes.middleware.AxesMiddleware",
    # A database outage answers a friendly 503 instead of a server error. Innermost, so that
    # its 503 still passes through every other middleware (security headers, CSP).
    "web.errors.DatabaseUnavailableMiddleware",
    # A replica that fails mid-request: the read is answered again from the primary. Inside
    # the 503 middleware, so that it sees the failure first.
    "web.db_router.ReplicaFallbackMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "web.locale.languages",
                "positions.context_processors.data_freshness",
                "releases.context_processors.latest_release",
            ],
        },
    },
]

# Form widgets are rendered by the project's template engine, so templates/django/forms/ can
# replace one of Django's widget templates (the select menu, with its options written inline).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    # An empty DATABASE_URL means the default, as an unset one does.
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Health checks let the app recover by itself when PostgreSQL comes back.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation costs more on each large scan here than it wins back on queries this short
    # (figures: docs/performance.md, "Measurements behind the code").
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    _db_options["options"] = f"{_db_options.get('options', '')} -c jit=off".strip()

# Read replicas (web/db_router.py): public reads go to them, writes and the admin to "default".
REPLICA_DATABASES = []
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    _alias = f"replica{_number}"
    DATABASES[_alias] = dj_database_url.parse(
        _url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    DATABASES[_alias]["TEST"] = {"MIRROR": "default"}
    if DATABASES[_alias]["ENGINE"] == "django.db.backends.postgresql":
        _options = DATABASES[_alias].setdefault("OPTIONS", {})
        _options["options"] = "-c jit=off"
        _options.setdefault("connect_timeout", 2)  # a replica that is down must not hold a request
    REPLICA_DATABASES.append(_alias)
DATABASE_ROUTERS = ["web.db_router.ReplicaRouter"]
# A replica further behind the primary than this is skipped until it catches up.
REPLICA_MAX_LAG_SECONDS = float(os.environ.get("REPLICA_MAX_LAG_SECONDS", "5"))
# How long a replica's health (up, lag) is trusted before it is checked again.
REPLICA_CHECK_SECONDS = float(os.environ.get("REPLICA_CHECK_SECONDS", "3"))
# After a write, the same browser reads from the primary for this long (read-your-writes).
REPLICA_PIN_SECONDS = int(os.environ.get("REPLICA_PIN_SECONDS", "15"))

# The cache: in-process by default (nothing to set up); CACHE_URL (redis://host:6379/0) shares
# cached fragments between every app process.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            # Django's Redis cache, answering as an empty cache while Redis is down (web/cache.py);
            # short timeouts so that an outage costs each request milliseconds, not seconds.
            "BACKEND": "web.cache.ResilientRedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
elif CACHE_URL:
    raise ImproperlyConfigured("CACHE_URL must be a redis:// address (or empty for the in-process cache).")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# HTTP caching of anonymous reads (web/http_cache.py).
# What the data version is read from: the site's HTTP layer (web/) names the apps in no import.
DATA_VERSION = "positions.derived.current_version"
HTTP_MAX_AGE = int(os.environ.get("HTTP_MAX_AGE", "60"))
HTTP_STALE_WHILE_REVALIDATE = int(os.environ.get("HTTP_STALE_WHILE_REVALIDATE", "300"))
# Seconds a shared cache in front (nginx, a CDN) may serve a page before revalidating it; unset: as max-age.
HTTP_SHARED_MAX_AGE = int(os.environ["HTTP_SHARED_MAX_AGE"]) if os.environ.get("HTTP_SHARED_MAX_AGE") else None
# Names the deployed code in ETags; unset, a hash of the code and templates is used.
HTTP_CACHE_RELEASE = os.environ.get("HTTP_CACHE_RELEASE", "")
HTTP_CACHE_EXCLUDE = ("/admin/", "/healthz", "/static/")
# The whole-page cache for anonymous readers (web/page_cache.py), in the cache above: seconds a
# rendered page is kept for its data version, release and day (0 turns it off), and the largest
# page kept.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_MAX_BYTES = int(os.environ.get("PAGE_CACHE_MAX_BYTES", str(2 * 1024 * 1024)))
# Expensive anonymous downloads (limits/expensive.py, positions/publish/downloads.py): seconds a
# map or chart picture is kept for its data version and normalised address; builds running at once
# in one app process, and for one client across all of them; the most rows a filtered workbook may
# hold (the whole one is built once per data version, in EXPORT_CACHE_DIR).
RENDER_CACHE_SECONDS = int(os.environ.get("RENDER_CACHE_SECONDS", "3600"))
RENDERS_PER_PROCESS = int(os.environ.get("RENDERS_PER_PROCESS", "1"))
RENDERS_PER_CLIENT = int(os.environ.get("RENDERS_PER_CLIENT", "2"))
XLSX_MAX_ROWS = int(os.environ.get("XLSX_MAX_ROWS", "2000"))
EXPORT_CACHE_DIR = Path(os.environ.get("EXPORT_CACHE_DIR") or Path(tempfile.gettempdir()) / "tracker-exports")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "web.logins.UsernameThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# English at the plain addresses, Ukrainian under /uk/ (web/locale.py, docs/translation.md).
LANGUAGES = [("en", _("English")), ("uk", _("Ukrainian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Frozen data releases (releases/build.py), served through the app, never from a public folder.
    # Several app servers share one bucket instead: set a django-storages backend here.
    "releases": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ.get("RELEASES_ROOT") or str(BASE_DIR / "releases-data")},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# The site's public address (https://example.org, no trailing slash), written into releases'
# datapackage.json; releases made without it give addresses relative to the site.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

# Sessions live in the database so that any app process can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Security: secure by default when DEBUG is off; SECURE_SSL_REDIRECT=0 serves plain
# HTTP on a private network (no redirect, no HSTS, cookies without the Secure flag).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Behind a proxy that sets X-Forwarded-Proto (deploy/nginx.conf); SECURE_PROXY_SSL_HEADER=off
# when the app is reached directly and the header cannot be trusted.
SECURE_PROXY_SSL_HEADER = (
    None
    if os.environ.get("SECURE_PROXY_SSL_HEADER", "").lower() in {"off", "0", "no"}
    else ("HTTP_X_FORWARDED_PROTO", "https")
)
SECURE_HSTS_SECONDS = 31536000 if SECURE_SSL_REDIRECT else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL_REDIRECT
SECURE_HSTS_PRELOAD = SECURE_SSL_REDIRECT
SESSION_COOKIE_SECURE = SECURE_SSL_REDIRECT
CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Origins that may frame the /embed/ views (their CSP frame-ancestors); every other page may not
# be framed at all. "*" allows any web page; list origins (https://news.example) to narrow it.
EMBED_ALLOWED_ORIGINS = env_list("EMBED_ALLOWED_ORIGINS", "*")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# A current stance older than this many months is still the latest word, but pages mark it stale.
STALE_AFTER_MONTHS = int(os.environ.get("STALE_AFTER_MONTHS") or "6")

# Brute-force protection for the admin login (web/logins.py): a username is locked from one
# address after AXES_FAILURE_LIMIT failures, and paused from every address it has not logged in
# from before after USERNAME_FAILURE_LIMIT, each until the failures are a cool-off period old.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
USERNAME_FAILURE_LIMIT = int(os.environ.get("USERNAME_FAILURE_LIMIT", "30"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Proxies in front of the app that append to X-Forwarded-For (0: clients connect directly).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "web.logins.client_ip"
AXES_LOCKOUT_TEMPLATE = "axes_locked_out.html"
AXES_LOCKOUT_CALLABLE = "web.logins.lockout_response"
# Attempts refused during a lock-out are neither counted nor extend it (web/logins.py).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True

# The read-only JSON API under /api/v1/ (positions/api/, docs/api.md).
# Requests per client address and period (second, minute, hour or day).
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "60/minute")
REST_FRAMEWORK = {
    # Anonymous and read-only: no session, so no CSRF and no per-user state.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["positions.api.throttling.ClientAddressThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Proxies in front of the app that append to X-Forwarded-For; 0 reads the client's address
    # from the connection, so a client cannot dodge the rate limit with a made-up header.
    # The same proxies as the login lock-out's and the contributions' limit, unless set apart.
    "NUM_PROXIES": int(os.environ.get("API_NUM_PROXIES") or TRUSTED_PROXY_COUNT),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Troop Positions Tracker API",
    "DESCRIPTION": (
        "Read-only JSON: who has said what about sending foreign troops to Ukraine, with the dated "
        "quote and source behind every position. The positions list takes the same filters as the "
        "site's list and exports. Guide: docs/api.md in the repository."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # drf-spectacular's own hook, then every status besides the 200 (positions/api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "positions.api.schema.add_error_responses",
    ],
    # One schema name per vocabulary, whichever field uses it.
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "positions.choices.ActorKind",
        "StanceEnum": "positions.choices.Stance",
        "ScopeEnum": "positions.choices.Scope",
        "RequirementEnum": "positions.choices.Requirement",
        "BodyKindEnum": "positions.choices.BodyKind",
        "VerificationEnum": "sources.models.Verification",
        "AttributionEnum": "sources.models.Attribution",
        "OutletKindEnum": "sources.models.OutletKind",
        "DatePrecisionEnum": "sources.dates.DatePrecision",
    },
}
# Any origin may read the API from a browser; nothing else on the site is shared across origins.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]

# Readers' suggestions and error reports (contributions/).
CONTRIBUTION_RATE_LIMIT = int(os.environ.get("CONTRIBUTION_RATE_LIMIT", "5"))  # per address per hour
CONTRIBUTION_EMAIL_RETENTION_DAYS = int(os.environ.get("CONTRIBUTION_EMAIL_RETENTION_DAYS", "30"))

# Statement discovery (discovery/fetching.py, docs/discovery.md). Feeds are fetched from public
# addresses only; DISCOVERY_ALLOWED_NETWORKS (e.g. "127.0.0.1/32") lets the tests reach their own server.
DISCOVERY_ALLOWED_NETWORKS = env_list("DISCOVERY_ALLOWED_NETWORKS")
DISCOVERY_MAX_FEED_BYTES = int(os.environ.get("DISCOVERY_MAX_FEED_BYTES", str(5 * 1024 * 1024)))
DISCOVERY_CONNECT_SECONDS = float(os.environ.get("DISCOVERY_CONNECT_SECONDS", "5"))
DISCOVERY_READ_SECONDS = float(os.environ.get("DISCOVERY_READ_SECONDS", "15"))
DISCOVERY_FETCH_SECONDS = float(os.environ.get("DISCOVERY_FETCH_SECONDS", "30"))
DISCOVERY_MAX_REDIRECTS = int(os.environ.get("DISCOVERY_MAX_REDIRECTS", "3"))
DISCOVERY_BACKOFF_MINUTES = int(os.environ.get("DISCOVERY_BACKOFF_MINUTES", "30"))
DISCOVERY_MAX_BACKOFF_HOURS = int(os.environ.get("DISCOVERY_MAX_BACKOFF_HOURS", "24"))
DISCOVERY_LOCK_STALE_SECONDS = int(os.environ.get("DISCOVERY_LOCK_STALE_SECONDS", "3600"))
DISCOVERY_USER_AGENT = os.environ.get(
    "DISCOVERY_USER_AGENT", "TroopPositionsTracker/1.0 (statement discovery; feed reader)"
)

# Outgoing mail: the one message to a reader who left an address. Printed to the console in
# development; sent through the SMTP server named in the environment otherwise.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # implicit TLS, usually port 465
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)  # STARTTLS, usually port 587
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
