"""Settings, read from the environment.

Safe local defaults (SQLite under var/, Celery's server-less file broker, files on disk) let a
fresh checkout run with no server. DEBUG is off unless the environment turns it on (`make run`,
`make test` and the test settings do); with DEBUG off the web and Celery processes refuse to
start without SECRET_KEY.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# With DEBUG off and no SECRET_KEY, the web and Celery processes refuse to start
# (core.startup.require_secret_key, called from portal/wsgi.py and portal/celery.py) and Django
# refuses to sign anything; commands that sign nothing (migrate, makemigrations) still run.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "django-insecure-local-development-key-not-for-production-use"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "core",
    "accounts",
    "notifications",
    "films",
    "festivals",
    "markets",
    "support",
    "campaigns",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, so every response carries both policies, including those answered by later middleware.
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.UserTimezoneMiddleware",
    "core.middleware.RefuseNulCharactersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so a locked-out login answers after every other middleware has had its say.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
                "notifications.context_processors.unread",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------

VAR_DIR.mkdir(exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections in production: a request does not pay for a new connection (and its
# TLS) each time; Django checks a kept connection before reusing it. Off with DEBUG: the
# development server starts a thread a request, which would leave a connection behind each.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No parallel workers for a statement: the portal's reads are short and many; starting
    # workers for one (the catalogue's honours and availability filters) cost more than it saved
    # on the benchmark (README, "Benchmark"). A database for reports may ask for them.
    _parallel = env.int("PG_PARALLEL_WORKERS_PER_GATHER", default=0)
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c max_parallel_workers_per_gather={_parallel}"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process, the worker and beat share the file without lock errors.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts ---------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: counts failed sign-ins and refuses an account or address that is locked out.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Sign-in limits (django-axes): after AXES_FAILURE_LIMIT failed attempts on one account, or
# from one address, that account or address is refused for AXES_COOLOFF_TIME hours. Failures
# are rows in the database, so every process sees the same count.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_CLIENT_IP_CALLABLE = "core.net.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Password reset mails: at most this many an hour from one address, and to one e-mail address.
PASSWORD_RESET_RATE = env.str("PASSWORD_RESET_RATE", default="5/hour")

# --- Internationalisation ---------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Territories are named as the agency names them, everywhere django-countries names a code
# (forms, filters, API labels, exports); the ISO codes stay the data.
COUNTRIES_OVERRIDE = {
    "TW": _("Taiwan, China"),
    "HK": _("Hong Kong SAR, China"),
    "MO": _("Macao SAR, China"),
}
TIME_ZONE = "UTC"
USE_TZ = True
# One date pattern per language and thousands grouped in both (portal/formats/). Numbers are
# grouped where they are amounts or counts (``|money``, ``|number``), not everywhere: with
# USE_THOUSAND_SEPARATOR a year or an id in a template would read "2,027".
FORMAT_MODULE_PATH = ["portal.formats"]

# --- Static and media -------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# The manifest storage needs collectstatic; local runs and tests serve files as they are.
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=not DEBUG)
# Uploaded files stay on disk unless MEDIA_STORAGE=s3 names any S3-compatible store (django-storages).
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
if MEDIA_STORAGE == "s3":
    MEDIA_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("AWS_S3_REGION_NAME", default=None),
            "access_key": env.str("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=None),
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default=None),
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
        },
    }
    # Where browsers fetch posters and stills from, for the Content-Security-Policy.
    _options = MEDIA_BACKEND["OPTIONS"]
    _media_host = _options["custom_domain"] or _options["endpoint_url"] or f"{_options['bucket_name']}.s3.amazonaws.com"
    MEDIA_ORIGINS = env.list(
        "MEDIA_ORIGINS", default=[_media_host if "://" in _media_host else f"https://{_media_host}"]
    )
elif MEDIA_STORAGE == "filesystem":
    MEDIA_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    MEDIA_ORIGINS = []
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'filesystem' or 's3', not {MEDIA_STORAGE!r}.")
STORAGES = {
    "default": MEDIA_BACKEND,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# WhiteNoise warns (an error under the test suite) when STATIC_ROOT is missing before collectstatic.
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)

# --- E-mail -----------------------------------------------------------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Go-Global Film Portal <noreply@go-global.film>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds an SMTP connection may block a worker; a hung server then fails the attempt, which is retried.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# --- Notifications (the outbox) ---------------------------------------------------------

# Rows per delivery task; how long a worker's claim on a batch lasts (longer than a task may run,
# so a live worker never loses its batch, while a dead worker's batch comes due again after it).
NOTIFICATIONS_BATCH_SIZE = env.int("NOTIFICATIONS_BATCH_SIZE", default=50)
NOTIFICATIONS_CLAIM_SECONDS = env.float("NOTIFICATIONS_CLAIM_SECONDS", default=600)
# Failed sends retry after 1, 2, 4, 8 … minutes (capped at six hours), then end as failed.
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=5)
NOTIFICATIONS_RETRY_BASE_SECONDS = env.float("NOTIFICATIONS_RETRY_BASE_SECONDS", default=60)
NOTIFICATIONS_SWEEP_LIMIT = env.int("NOTIFICATIONS_SWEEP_LIMIT", default=1000)
# The local hour (in each reader's time zone) at which daily digests go out.
NOTIFICATIONS_DIGEST_HOUR = env.int("NOTIFICATIONS_DIGEST_HOUR", default=8)
# An optional mailbox for List-Unsubscribe's mailto form (the https link is always there).
NOTIFICATIONS_UNSUBSCRIBE_MAILTO = env.str("NOTIFICATIONS_UNSUBSCRIBE_MAILTO", default="")

# --- Hosted screeners (markets) -----------------------------------------------------------

# The largest screener file a producer may upload (bytes; 4 GiB by default). Uploads stream to a
# temporary file on disk, never into memory, and ffprobe judges the file by its content.
SCREENER_MAX_BYTES = env.int("SCREENER_MAX_BYTES", default=4 * 1024**3)
# How long the signed address of a screener video stays valid (seconds): the player page and its
# progress answers hand out fresh ones.
SCREENER_URL_MAX_AGE = env.int("SCREENER_URL_MAX_AGE", default=300)
# ffprobe's path and how long it may take over one file (seconds).
SCREENER_FFPROBE = env.str("SCREENER_FFPROBE", default="ffprobe")
SCREENER_FFPROBE_TIMEOUT = env.int("SCREENER_FFPROBE_TIMEOUT", default=60)

# --- API --------------------------------------------------------------------------------

# How many proxies in front of the portal append to X-Forwarded-For. 0 (the default) trusts no
# header and takes the client's address from the connection (REMOTE_ADDR); core.net.client_ip,
# DRF's throttles and the sign-in limits all read it.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)

REST_FRAMEWORK = {
    "NUM_PROXIES": NUM_PROXIES,
    # Refuses bodies nested too deep, too large or holding NUL characters with a 400.
    "DEFAULT_PARSER_CLASSES": [
        "core.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an unauthenticated request answers 401 with a WWW-Authenticate header.
        "core.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.api.PagePagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "core.schema.PortalAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="120/minute"),
        "user": env.str("THROTTLE_USER", default="1200/minute"),
        "token": env.str("THROTTLE_TOKEN", default="10/minute"),
    },
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

# Seconds a catalogue answer (GET /api/v1/films/ for anonymous visitors and buyers) is kept in
# the cache; every film write makes the kept answers stale at once. 0 turns the cache off, as it
# is without Redis: a process-local cache would not hear of another process's writes.
CATALOGUE_CACHE_SECONDS = env.int("CATALOGUE_CACHE_SECONDS", default=60 if REDIS_URL else 0)
# Longest life, in seconds, of the home page's catalogue part (portal/home.py), kept per language;
# film writes make it stale at once where the cache is shared (Redis). 0 turns it off.
HOME_CACHE_SECONDS = env.int("HOME_CACHE_SECONDS", default=300 if REDIS_URL else 60)
# Longest life, in seconds, of a kept public deadlines feed (festivals/ics.py), per language and
# filters; a feed is kept for the current hour at most, and directory writes make it stale at
# once where the cache is shared (Redis). 0 turns it off.
CALENDAR_FEED_CACHE_SECONDS = env.int("CALENDAR_FEED_CACHE_SECONDS", default=3600 if REDIS_URL else 60)

SPECTACULAR_SETTINGS = {
    "TITLE": "Go-Global Film Portal API",
    "DESCRIPTION": (
        "The portal's API. Authenticate with a session or with `Authorization: Token <key>` "
        "from `POST /api/v1/auth/token/`. Objects with a life cycle show `status` and "
        "`allowed_transitions` and move only through `POST …/{id}/transition/`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "VerificationStatusEnum": "accounts.enums.BuyerVerificationStatus",
        "OrganizationKindEnum": "accounts.enums.OrganizationKind",
        "ListingStatusEnum": "films.enums.ListingStatus",
        "RightsStatusEnum": "films.enums.RightsStatus",
        "ImageKindEnum": "films.enums.ImageKind",
        "DeadlineKindEnum": "festivals.enums.DeadlineKind",
        "SectionKindEnum": "festivals.enums.SectionKind",
        "SubmissionStatusEnum": "festivals.enums.SubmissionStatus",
        "CurrencyEnum": "core.money.CURRENCY_CHOICES",
        "DealStatusEnum": "markets.enums.DealStatus",
        "ApplicationStatusEnum": "support.enums.ApplicationStatus",
        "DocumentKindEnum": "support.enums.DocumentKind",
        "ProgrammeKindEnum": "support.enums.ProgrammeKind",
        "CampaignStatusEnum": "campaigns.enums.CampaignStatus",
    },
}

# --- Jobs -------------------------------------------------------------------------------

if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
else:
    # Celery's server-less transport: messages are files under var/celery/.
    CELERY_DIR = VAR_DIR / "celery"
    for sub in ("out", "processed", "results", "control"):
        (CELERY_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://localhost/"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DIR / "out"),
        "data_folder_out": str(CELERY_DIR / "out"),
        "processed_folder": str(CELERY_DIR / "processed"),
        "store_processed": False,
        "control_folder": str(CELERY_DIR / "control"),
    }
    CELERY_RESULT_BACKEND = f"file://{CELERY_DIR / 'results'}"
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
# Short sweeps that find due work in the database and hand it to workers.
CELERY_BEAT_SCHEDULE = {
    "accounts.remind_stale_verifications": {
        "task": "accounts.remind_stale_verifications",
        "schedule": crontab(minute=0),
    },
    "notifications.sweep": {"task": "notifications.sweep", "schedule": 60.0},
    "notifications.digest_sweep": {"task": "notifications.digest_sweep", "schedule": crontab(minute="*/10")},
    "campaigns.dispatch_due": {"task": "campaigns.dispatch_due", "schedule": 60.0},
    "campaigns.alert_saved_searches": {"task": "campaigns.alert_saved_searches", "schedule": crontab(minute="*/5")},
    "campaigns.remind_due": {"task": "campaigns.remind_due", "schedule": crontab(minute="*/5")},
}
BUYER_VERIFICATION_REMINDER_HOURS = env.int("BUYER_VERIFICATION_REMINDER_HOURS", default=48)
# Deliveries a campaign worker writes the notifications of in one transaction.
CAMPAIGNS_SEND_BATCH_SIZE = env.int("CAMPAIGNS_SEND_BATCH_SIZE", default=500)

# --- Security ---------------------------------------------------------------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Database sessions whose store refuses malformed keys before they reach a query (core/sessions.py).
SESSION_ENGINE = "core.sessions"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A strict policy: the templates carry no inline script or style. The API's documentation pages
# add what Swagger UI and Redoc need, on those pages only (portal/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Browser features no page of the portal uses, switched off for every response.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
