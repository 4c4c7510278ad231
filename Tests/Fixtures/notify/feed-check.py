#!/usr/bin/env python3
"""Parses an Atom feed with feedparser and prints what it understood as one JSON document."""
import json
import sys

import feedparser

feed = feedparser.parse(sys.argv[1])
print(json.dumps({
    "bozo": bool(feed.bozo),
    "bozo_exception": str(feed.get("bozo_exception", "")),
    "version": feed.version,
    "title": feed.feed.get("title"),
    "id": feed.feed.get("id"),
    "updated": feed.feed.get("updated"),
    "entries": [{
        "id": entry.get("id"),
        "title": entry.get("title"),
        "updated": entry.get("updated"),
        "link": entry.get("link"),
        "content": "".join(part.get("value", "") for part in entry.get("content", [])),
    } for entry in feed.entries],
}))
