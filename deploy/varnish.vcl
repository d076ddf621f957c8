# Varnish in front of Dateline (Varnish 6/7, VCL 4.1).
#
#   varnishd -a :80 -f /etc/varnish/dateline.vcl -s malloc,256m
#
# Point the backend below at the app (granian/gunicorn), and tell Dateline where Varnish
# listens so publishing purges it: DATELINE_FRONTEND_CACHE_URL=http://127.0.0.1:80
# (docs/configuration.md). Readers get cached pages without cookies; staff, previews and
# forms always reach the app; if the app is down, pages already cached are served for 24 hours.
vcl 4.1;

backend dateline {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    # Marks the app sick within seconds when it stops, so stale copies are served at once.
    .probe = {
        .url = "/robots.txt";
        .interval = 1s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
    }
}

# Only the app itself (on this machine) may purge.
acl purgers {
    "127.0.0.1";
    "::1";
}

# A TLS terminator in front of Varnish (hitch, nginx) on this machine: the only client whose
# "X-Forwarded-Proto: https" is believed.
acl tls_terminators {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Purging is not allowed from " + client.ip));
        }
        # "X-Purge-Tree: 1" drops everything under the path (every feed, the whole site).
        if (req.http.X-Purge-Tree) {
            ban("obj.http.x-dateline-host == " + regsub(req.http.host, ":[0-9]+$", "") +
                " && obj.http.x-dateline-url ~ ^" + regsub(req.url, "\?.*$", ""));
            return (synth(200, "Purged the tree"));
        }
        # Dateline purges a path; every query variant of it (?page=2, ?topic=parks) goes too.
        ban("obj.http.x-dateline-host == " + regsub(req.http.host, ":[0-9]+$", "") +
            " && obj.http.x-dateline-url ~ ^" + regsub(req.url, "\?.*$", "") + "(\?|$)");
        return (synth(200, "Purged"));
    }
    # Forwarded headers are Varnish's to write, never a client's: a made-up host or scheme
    # must not reach the app, and through it the copy every reader gets. Readers use the
    # site's own Host; the scheme is how this request reached us, and part of the hash.
    unset req.http.X-Forwarded-Host;
    unset req.http.X-Forwarded-Port;
    unset req.http.Forwarded;
    if (client.ip ~ tls_terminators && req.http.X-Forwarded-Proto ~ "^(?i)https$") {
        set req.http.X-Forwarded-Proto = "https";
    } else {
        set req.http.X-Forwarded-Proto = "http";
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff, previews, private documents and forms are never cached.
    if (req.url ~ "^/(admin|django-admin|preview|documents|alerts|subscribe|accounts)(/|\?|$)") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # A signed-in session (or a form's CSRF cookie) sees its own pages; any other cookie
    # (analytics, consent banners) is dropped so the reader shares the cached copy.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        return (pass);
    }
    unset req.http.Cookie;
    # At most two copies of a page: compressed, for browsers (all accept gzip), and plain,
    # for any other client; each is fetched from the app as it is sent, so no request is
    # unpacked on its way out (that would cost as much as serving it).
    if (req.http.Accept-Encoding ~ "(?i)gzip" &&
        req.http.Accept-Encoding !~ "(?i)gzip\s*;\s*q\s*=\s*0(\.0*)?\s*(,|$)") {
        set req.http.Accept-Encoding = "gzip";
        set req.http.X-Dateline-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
        set req.http.X-Dateline-Encoding = "plain";
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.http.X-Dateline-Encoding);
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_fetch {
    # Varnish asks the app for gzip whatever the client accepts; a plain client's copy is
    # asked for plain.
    if (bereq.http.X-Dateline-Encoding == "plain") {
        unset bereq.http.Accept-Encoding;
    }
    unset bereq.http.X-Dateline-Encoding;
}

sub vcl_backend_response {
    # Ports differ between what readers and the app's purges send; host names do not.
    set beresp.http.x-dateline-host = regsub(bereq.http.host, ":[0-9]+$", "");
    set beresp.http.x-dateline-url = bereq.url;
    if (beresp.status >= 500) {
        # Never let an error replace a good copy: the stale page keeps being served (grace).
        return (abandon);
    }
    # Dateline's page cache sends text gzip-compressed when asked; with it off (several app
    # machines), Varnish compresses the browsers' copy here, once per fetch.
    if (bereq.http.Accept-Encoding && !beresp.http.Content-Encoding && beresp.http.Content-Type ~
        "^(text/|application/(json|feed\+json|ld\+json|xml|rss\+xml|atom\+xml))") {
        set beresp.do_gzip = true;
    }
    # Only what Dateline marks "public" (anonymous pages it knows how to purge) is shared:
    # search results, error pages and anything personal go straight through.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "public" ||
        beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Purged on every publish; grace keeps serving a copy for a day if the app is down.
    set beresp.grace = 24h;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-dateline-host;
    unset resp.http.x-dateline-url;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
