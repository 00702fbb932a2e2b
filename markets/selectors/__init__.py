"""The markets app's selectors (each module holds one part; re-exported here)."""

from markets.selectors.directory import *  # noqa: F403
