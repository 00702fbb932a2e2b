"""Rights media and statuses carry the Chinese terms the trade uses (订阅视频点播, 院线, 免费电视...)."""

from django.utils import translation

from films.enums import RightsMedia, RightsStatus


def test_rights_media_are_named_as_the_trade_names_them_in_chinese():
    with translation.override("zh-hans"):
        assert {value: str(label) for value, label in RightsMedia.choices} == {
            "theatrical": "院线",
            "free_tv": "免费电视",
            "pay_tv": "付费电视",
            "svod": "订阅视频点播（SVOD）",
            "tvod": "交易型视频点播（TVOD）",
            "avod": "广告型视频点播（AVOD）",
            "airline": "航空",
            "non_theatrical": "非院线",
        }


def test_rights_statuses_are_named_as_the_trade_names_them_in_chinese():
    with translation.override("zh-hans"):
        assert {value: str(label) for value, label in RightsStatus.choices} == {
            "available": "可售",
            "under_negotiation": "洽谈中",
            "sold": "已售",
        }
