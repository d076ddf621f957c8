from wagtail import hooks

IMPORT_ACTION = "dateline.import"


@hooks.register("register_log_actions")
def register_import_log_action(actions):
    # Page history says which revisions came from the old site rather than from an editor.
    actions.register_action(IMPORT_ACTION, "Imported", "Imported from the old site")
