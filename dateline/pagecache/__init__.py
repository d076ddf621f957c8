"""A page cache that answers anonymous readers before Django runs.

Layout
    store.py       files on disk shared by every worker, plus a small in-memory LRU (no Django)
    wsgi.py        PageCache, the WSGI wrapper that serves hits and stores what Django allows
    middleware.py  the Django side: decides which responses may be stored, sets Cache-Control
    purge.py       which paths show a release, and purging them (here and in a frontend cache)
    signals.py     publish, unpublish, delete, move, correction, ... -> purge after commit

A hit costs one regular-expression check of the Cookie header, one os.stat and a dict lookup;
see wsgi.py for the rules, middleware.py for what is cacheable, purge.py for the purge map.
"""
