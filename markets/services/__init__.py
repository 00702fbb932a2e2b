"""The markets app's services (each module holds one part; re-exported here)."""

from markets.services.directory import *  # noqa: F403
