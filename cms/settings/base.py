"""Settings shared by every run mode. Nothing secret lives here: see production.py."""

import datetime
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from .env import env, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "cms",
    "people",
    "courses",
    "sessions.apps.DialogueSessionsConfig",
    "surveys",
    "api",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "dashboards",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "people.apps.PeopleUsersConfig",  # wagtail.users, without superuser and groups for non-superusers
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "cms.csp.AdminPolicyMiddleware",
    "cms.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Material pages for visitors who are not signed in, from the cache (cms/page_cache.py).
    "cms.page_cache.PublicPageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "people.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.middleware.QueryStringGuardMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.site",
            ],
        },
    },
]

# The embedded default is SQLite; production and CI set DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "cms:login"
LOGIN_REDIRECT_URL = "cms:landing"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Swedish first, English second.
LANGUAGE_CODE = "sv"
# Each language is named in itself. "sv-easy" is lättläst Swedish: its own Wagtail locale and
# URL prefix (/sv-easy/), so one translation workflow covers it like any other language.
LANGUAGES = [
    ("sv", "Svenska"),
    ("en", "English"),
    ("sv-easy", "Lättläst svenska"),
    ("ar", "العربية"),
    ("so", "Soomaali"),
    ("ti", "ትግርኛ"),
    ("fa", "فارسی"),
]
# Languages Django itself does not describe; cms.apps adds them to django.conf.locale.LANG_INFO.
EXTRA_LANG_INFO = {
    "sv-easy": {"bidi": False, "code": "sv-easy", "name": "Easy-to-read Swedish",
                "name_local": "Lättläst svenska"},
    "so": {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"},
    "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
}
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date formats of languages Django has none for, and English kept as it was (cms/formats).
FORMAT_MODULE_PATH = ["cms.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Seconds a material page stays in the cache for visitors who are not signed in (0: off);
# anything published clears it sooner (cms/page_cache.py).
SAMTALSRUM_PAGE_CACHE_SECONDS = env_int("SAMTALSRUM_PAGE_CACHE_SECONDS", 600)

# Wagtail
WAGTAIL_SITE_NAME = "Samtalsrum"
# Labels the admin login in Swedish (cms/forms.py).
WAGTAILADMIN_USER_LOGIN_FORM = "cms.forms.AdminLoginForm"
WAGTAILADMIN_BASE_URL = env("DJANGO_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "pptx", "xlsx", "txt", "vtt", "mp4", "webm"]
WAGTAIL_PASSWORD_RESET_ENABLED = True
# No calls from the admin to other sites: no Gravatar (it would send a hash of every login's
# e-mail address, and the CSP allows no such images) and no update check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Embedded players scale to the page (templates/wagtailembeds/embed_frontend.html, no inline style).
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# E-mail
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "Samtalsrum <noreply@samtalsrum.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env("DJANGO_EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))

# Celery: JSON only, bounded tasks, late acknowledgement so a lost worker's task runs again
# (tasks are idempotent; see each tasks.py).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BEAT_SCHEDULE: dict = {
    "outbox-flush": {"task": "cms.outbox_flush", "schedule": 60.0},
    "hr-import-previews-purge": {"task": "people.employee_import_previews_purge_task", "schedule": 60 * 60 * 24},
    "hr-import-changes-purge": {"task": "people.employee_import_changes_purge_task", "schedule": 60 * 60},
    "session-reminders": {"task": "sessions.reminders_send", "schedule": 900.0},
    "session-invitations-flush": {"task": "sessions.invitations_flush", "schedule": 60.0},
    "survey-rounds-open": {"task": "surveys.tasks.survey_rounds_open_task", "schedule": 60 * 60},
    "survey-reminders": {"task": "surveys.tasks.survey_reminders_send_task", "schedule": 60 * 60 * 6},
    "api-token-uses-purge": {"task": "api.api_token_uses_purge_task", "schedule": 60 * 60 * 24},
    "personal-data-purge": {"task": "courses.personal_data_purge_task", "schedule": 60 * 60 * 24},
    "outbox-bodies-erase": {"task": "cms.outbox_bodies_erase", "schedule": 60 * 60},
    "page-feedback-expire": {"task": "cms.page_feedback_expire", "schedule": 60 * 60 * 24},
    "survey-drafts-expire": {"task": "surveys.tasks.survey_drafts_expire_task", "schedule": 60 * 60},
    "export-jobs-expire": {"task": "cms.export_jobs_expire", "schedule": 60 * 15},
}
# Reminders go out this many hours before each session.
SAMTALSRUM_REMINDER_HOURS = env_int("SAMTALSRUM_REMINDER_HOURS", 24)
SAMTALSRUM_OUTBOX_MAX_ATTEMPTS = env_int("SAMTALSRUM_OUTBOX_MAX_ATTEMPTS", 10)

# Roll call opens at a session's start, or this many minutes before it; the process leader may
# reopen a closed session for this many hours, after which only corrections change the hours.
SAMTALSRUM_ROLL_CALL_EARLY_MINUTES = env_int("SAMTALSRUM_ROLL_CALL_EARLY_MINUTES", 15)
SAMTALSRUM_SESSION_REOPEN_HOURS = env_int("SAMTALSRUM_SESSION_REOPEN_HOURS", 24)
# Sessions may lie this many days before a programme's start or after its end (at most 366).
SAMTALSRUM_SESSION_DATE_MARGIN_DAYS = env_int("SAMTALSRUM_SESSION_DATE_MARGIN_DAYS", 180)

# Personal data (docs/privacy.md): the text and calendar files of a delivered e-mail are erased
# this many days after delivery; page feedback is deleted this many days after it came in; the
# nightly purge of programmes past their retention date runs at this hour.
SAMTALSRUM_OUTBOX_BODY_DAYS = env_int("SAMTALSRUM_OUTBOX_BODY_DAYS", 30)
SAMTALSRUM_FEEDBACK_DAYS = env_int("SAMTALSRUM_FEEDBACK_DAYS", 365)

# Exports (docs/exports.md): a CSV of up to this many rows is streamed in the request; a larger
# one, and every XLSX, is written by a Celery task and downloaded from its progress page.
SAMTALSRUM_EXPORT_STREAM_MAX_ROWS = env_int("SAMTALSRUM_EXPORT_STREAM_MAX_ROWS", 20_000)
# Hours a finished export file is kept before beat deletes it.
SAMTALSRUM_EXPORT_KEEP_HOURS = env_int("SAMTALSRUM_EXPORT_KEEP_HOURS", 24)
# Where the files are written: never under MEDIA_ROOT, which the web server may serve.
SAMTALSRUM_EXPORT_ROOT = Path(env("SAMTALSRUM_EXPORT_ROOT", str(BASE_DIR / "exports")))
# A job's own limit in seconds, well above the global task limit: an export is never cut off
# half-way by the limit meant for short tasks (6 hours).
SAMTALSRUM_EXPORT_TIME_LIMIT = env_int("SAMTALSRUM_EXPORT_TIME_LIMIT", 6 * 60 * 60)

# Signed links for employees (no password): how long one stays valid.
SAMTALSRUM_LINK_MAX_AGE_DAYS = env_int("SAMTALSRUM_LINK_MAX_AGE_DAYS", 60)

# HR import (docs/hr-import.md): the largest file and number of rows read, the share of an
# organisation's current employees a file may mark as left without a second confirmation
# (per cent), and how long the last import can be undone (hours).
SAMTALSRUM_IMPORT_MAX_FILE_MB = env_int("SAMTALSRUM_IMPORT_MAX_FILE_MB", 20)
SAMTALSRUM_IMPORT_MAX_ROWS = env_int("SAMTALSRUM_IMPORT_MAX_ROWS", 50_000)
SAMTALSRUM_IMPORT_LEAVER_SHARE = env_int("SAMTALSRUM_IMPORT_LEAVER_SHARE", 10)
SAMTALSRUM_IMPORT_UNDO_HOURS = env_int("SAMTALSRUM_IMPORT_UNDO_HOURS", 24)

# Survey pairing: a person's before and after answers share a key derived with this secret.
# It is not in the database; deleting it after the evaluation makes the pairs unlinkable.
SAMTALSRUM_SURVEY_PAIRING_SECRET = env(
    "SAMTALSRUM_SURVEY_PAIRING_SECRET", "dev-only-survey-pairing-secret"  # noqa: S106
)

# The client address behind the README's reverse proxy (cms/client_address.py): the addresses
# or networks of the proxies whose X-Forwarded-For is believed. None by default.
SAMTALSRUM_TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES")
RATELIMIT_IP_META_KEY = "cms.client_address.client_address"

# Sign-in throttling (django-axes): after this many wrong passwords for one e-mail address
# from one client address, that pair is locked out for the cool-off time. Keying on the pair
# means an attacker cannot lock a person out from everywhere, nor everyone out from one address.
AXES_FAILURE_LIMIT = env_int("SAMTALSRUM_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("SAMTALSRUM_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "cms.client_address.client_address"
AXES_USERNAME_CALLABLE = "people.throttling.login_username"
AXES_LOCKOUT_CALLABLE = "people.throttling.lockout_response"
# Successful sign-ins are not recorded: only failed attempts, which expire with the cool-off.
AXES_DISABLE_ACCESS_LOG = True

# Two-factor sign-in (django-otp; people/two_factor.py): authenticator apps and backup codes.
OTP_TOTP_ISSUER = "Samtalsrum"

# Content-Security-Policy (django-csp): nothing inline, nothing from other sites except the
# video services whose players the lecture segments embed. See docs/security.md.
SAMTALSRUM_VIDEO_EMBED_ORIGINS = env_list(
    "SAMTALSRUM_VIDEO_EMBED_ORIGINS",
    "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *SAMTALSRUM_VIDEO_EMBED_ORIGINS],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# Permissions-Policy (cms.middleware.PermissionsPolicyMiddleware): the platform never needs a
# camera, microphone, location or any of these. Speech synthesis (reading aloud) needs no
# permission, so a future read-aloud feature works under this policy as it is.
SAMTALSRUM_PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "hid",
        "magnetometer", "microphone", "midi", "payment", "serial",
        "usb", "browsing-topics",
    )
}

# The API for HR and payroll systems (docs/api.md): requests per token, and how long each use of
# a token is kept in its log.
SAMTALSRUM_API_RATE = env("SAMTALSRUM_API_RATE", "120/min")
SAMTALSRUM_API_LOG_DAYS = env_int("SAMTALSRUM_API_LOG_DAYS", 365)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.auth.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.auth.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["api.auth.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": SAMTALSRUM_API_RATE},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samtalsrum API",
    "DESCRIPTION": "Timmar, tillfällen, närvaro och medfinansiering ut; anställda in. Se docs/api.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["api.docs.only_api_v1"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail's background tasks (search index, reference index) log every run at INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # django-axes says hello at every start at INFO; failures and lockouts are WARNINGs.
        "axes": {"level": "WARNING"},
    },
}
