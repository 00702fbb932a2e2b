"""What the markets app's panel modules share."""

# The dashboard reads top to bottom as a buyer works: its profile and shortlists, then screeners
# granted, meetings, deals (``DashboardPanel.order``; panels without one come after, at 100).
DASHBOARD_ORDER = {
    "markets.buyer_profile": 10,
    "markets.screener_grants": 20,
    "markets.meetings": 30,
    "markets.deals": 40,
}
