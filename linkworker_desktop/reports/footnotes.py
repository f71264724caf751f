"""Every definition in plain sentences, printed under the figures and in the README."""

from __future__ import annotations

from linkworker_desktop.reports.model import ReportSettings
from linkworker_desktop.reports.period import Period


def footnotes(period: Period, settings: ReportSettings) -> tuple[str, ...]:
    target = settings.first_contact_target_days
    return (
        f"The period runs from {period.label}; every date in it counts.",
        "Referrals received: referrals with a referral date in the period, by source, reason and"
        " GP practice; declined and did not engage count those referrals closed that way.",
        "First contact: for referrals received in the period, the days from the referral date to"
        " the first attended session up to the end of the period; sessions dated before the"
        f" referral are left out. The target is {target} days (a setting); the median is of the"
        " people seen.",
        "Contacts: sessions dated in the period that were attended, not attended or cancelled;"
        " by mode counts attended sessions. The did-not-attend rate is not attended divided by"
        " attended plus not attended.",
        "Discharges: referrals closed in the period for any reason; the mean counts attended"
        " sessions per referral.",
        "Outcomes: for each referral and measure, the first complete result is the baseline and"
        " the last the follow-up (ordered by time, then the order they were recorded); a pair"
        " counts when the follow-up comes after the baseline and is dated in the period. The"
        " change is follow-up minus baseline.",
        "ONS4 anxiety runs the other way: a fall in anxiety is an improvement.",
        "Goals: referrals closed in the period with at least one goal; the mean change is each"
        " goal's last 0 to 10 rating minus its first, for goals rated more than once.",
        "Connections: connections made in the period, by kind and by the service's categories"
        " (a service in two categories counts in both). Attended includes attending regularly."
        " Services full, closed or unsuitable turned someone away: gaps to report.",
        "Equity: referrals received in the period by age on the referral date, gender and NHS"
        " ethnic category; deprivation decile (1 most deprived) only where a postcode to IMD"
        " table has been loaded.",
        "Satisfaction: NHS Friends and Family Test answers given in the period; good is very good"
        " plus good over all responses, don't know included.",
        "GP use: GP appointments in the 6 months before referral and the 6 months after"
        " discharge, as the practice reports them; a pair counts when both are known and the"
        " count after discharge was recorded in the period. The change is after minus before.",
        "Coding: every referral received in the period is coded 871731000000106 on its referral"
        " date, and every referral declined in the period 871711000000103 on the day it closed;"
        " confirmed coded means a worker ticked that the practice has coded it.",
        "Percentages have one decimal and means two; a dash means there was nothing to divide.",
    )
