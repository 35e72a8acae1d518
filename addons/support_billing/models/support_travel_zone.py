# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import pricing


class SupportTravelZone(models.Model):
    """A travel cost per onsite visit for the sites of some regions.

    A zone without regions is the "any other region" zone of its country.
    """

    _name = "support.travel.zone"
    _description = "Support travel zone"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
        index=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    amount = fields.Monetary(
        string="Travel cost",
        currency_field="currency_id",
        help="Charged once per onsite visit to a site of these regions.",
    )
    country_id = fields.Many2one(comodel_name="res.country", required=True)
    state_ids = fields.Many2many(
        comodel_name="res.country.state",
        string="Regions",
        domain="[('country_id', '=', country_id)]",
        help="The regions (voivodeships, states) of this zone. Leave empty for "
        "the zone of every other region of the country.",
    )
    is_default = fields.Boolean(
        string="Any other region",
        compute="_compute_is_default",
        store=True,
    )

    @api.depends("state_ids")
    def _compute_is_default(self):
        for zone in self:
            zone.is_default = not zone.state_ids

    @api.constrains("amount")
    def _check_amount(self):
        for zone in self:
            if zone.amount < 0:
                raise ValidationError(
                    self.env._(
                        "Travel cost: zone %(zone)s cannot cost less than "
                        "nothing. Enter 0 or more.",
                        zone=zone.name,
                    )
                )

    @api.constrains("state_ids", "country_id")
    def _check_states_country(self):
        for zone in self:
            wrong = zone.state_ids.filtered(
                lambda s, z=zone: s.country_id != z.country_id
            )
            if wrong:
                raise ValidationError(
                    self.env._(
                        "Regions: %(state)s is not a region of %(country)s "
                        "(zone %(zone)s).",
                        state=wrong[0].name,
                        country=zone.country_id.name,
                        zone=zone.name,
                    )
                )

    def _find_for_state(self, state):
        """The zone of ``state`` among ``self`` (regions first, then the
        country's default zone), or an empty recordset."""
        zones = self.filtered(lambda z: z.country_id == state.country_id)
        key = pricing.travel_zone(
            state.id,
            [(zone.id, set(zone.state_ids.ids), zone.is_default) for zone in zones],
        )
        return self.browse(key) if key else self.browse()

    # ------------------------------------------------------------------
    # Data: the Polish voivodeships
    # ------------------------------------------------------------------

    # (xml id in l10n_pl, code, name): base has no Polish regions; l10n_pl
    # does.  The regions are found by code or created under l10n_pl's xml
    # ids, so that installing l10n_pl later adopts them instead of failing
    # on the (country, code) uniqueness.
    POLISH_STATES = [
        ("state_pl_ds", "DŚ", "dolnośląskie"),
        ("state_pl_kp", "KP", "kujawsko-pomorskie"),
        ("state_pl_lb", "LB", "lubelskie"),
        ("state_pl_ls", "LS", "lubuskie"),
        ("state_pl_ld", "ŁD", "łódzkie"),
        ("state_pl_mp", "MP", "małopolskie"),
        ("state_pl_mz", "MZ", "mazowieckie"),
        ("state_pl_op", "OP", "opolskie"),
        ("state_pl_pk", "PK", "podkarpackie"),
        ("state_pl_pl", "PL", "podlaskie"),
        ("state_pl_pm", "PM", "pomorskie"),
        ("state_pl_sl", "ŚL", "śląskie"),
        ("state_pl_sk", "ŚK", "świętokrzyskie"),
        ("state_pl_wm", "WM", "warmińsko-mazurskie"),
        ("state_pl_wp", "WP", "wielkopolskie"),
        ("state_pl_zp", "ZP", "zachodniopomorskie"),
    ]

    @api.model
    def _ensure_polish_states(self):
        """Find or create the 16 voivodeships with l10n_pl's xml ids."""
        poland = self.env.ref("base.pl")
        State = self.env["res.country.state"].sudo()
        IMD = self.env["ir.model.data"].sudo()
        for xmlid, code, name in self.POLISH_STATES:
            if self.env.ref(f"l10n_pl.{xmlid}", raise_if_not_found=False):
                continue
            state = State.search(
                [("country_id", "=", poland.id), ("code", "=", code)], limit=1
            ) or State.create({"country_id": poland.id, "code": code, "name": name})
            IMD.create(
                {
                    "module": "l10n_pl",
                    "name": xmlid,
                    "model": "res.country.state",
                    "res_id": state.id,
                    "noupdate": True,
                }
            )
