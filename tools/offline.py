# Switch off what calls odoo.com on its own in a Halo Support database.
#
# Run in `odoo shell` (which executes its standard input):
#     odoo shell -d DB --no-http < tools/offline.py
# `make run` runs it on the demo database; README.md and docker/compose.yaml
# say how to run it in the docker setup.  Idempotent.
#
# - partner_autocomplete is auto-installed by Odoo (through iap_mail): it asks
#   odoo.com to enrich the company at the first login, and every partner name
#   typed in a form; nothing in Halo Support needs it, so it is uninstalled
#   (auto-install does not bring it back: that happens only when one of its
#   dependencies is newly installed).
# - mail's "Publisher: Update Notification" cron sends the database's usage
#   to odoo.com every week: it is deactivated.
# Left installed, because they call out only when someone uses them: iap,
# iap_mail, sms and snailmail (sending an SMS or a letter), web_unsplash
# (searching a picture).
PHONE_HOME_MODULES = ["partner_autocomplete"]
PHONE_HOME_CRONS = ["mail.ir_cron_module_update_notification"]

for xmlid in PHONE_HOME_CRONS:
    cron = env.ref(xmlid, raise_if_not_found=False)  # noqa: F821 (odoo shell)
    if cron and cron.active:
        cron.active = False
        print(f"offline: cron {xmlid} deactivated")
env.cr.commit()  # noqa: F821

modules = env["ir.module.module"].search(  # noqa: F821
    [("name", "in", PHONE_HOME_MODULES), ("state", "=", "installed")]
)
if modules:
    print(f"offline: uninstalling {', '.join(modules.mapped('name'))}")
    # Commits, and reloads the registry.
    modules.button_immediate_uninstall()
