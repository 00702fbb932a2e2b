class CampaignReportActions:
    pass
