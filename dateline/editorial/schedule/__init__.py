"""Scheduling to the minute: checks on the times an editor sets, and how times are shown.

Publishing at a set time is Wagtail's own: the editor's "go live" time is stored on the
revision as approved_go_live_at when they publish (or a reviewer approves), and the worker's
once-a-minute job (dateline/releases/tasks.py) publishes every revision whose time has come
and unpublishes every page whose "expire at" time has passed. That job runs every 60 seconds
from the worker's start, not on the minute, so a scheduled revision also queues a one-off
run for its own second (publishing.queue_on_time): live within seconds, not up to a minute
late.

times.py       how the desk writes times, in the city's zone
form.py        the release form's rule for publishing times (run by embargo/form.py)
publishing.py  the receiver that queues the on-time publish (connected in editorial/signals.py)
"""
