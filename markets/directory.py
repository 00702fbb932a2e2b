"""The trade markets the agency vetted before launch, as plain data.

Migration 0002 loads this list as it stands then; a later change to it needs its own data
migration. This module imports nothing from Django, so the migration can import it safely.

Only facts the agency is sure of are filled in: a website, a founding year or a typical month
that is not certain stays empty. Focus codes are ``MarketFocus`` values; time zones are IANA
names. Chinese names are those common in Chinese-language media.
"""

from __future__ import annotations

import dataclasses

FEATURES = "features"
TV = "tv"
ANIMATION = "animation"
DOCUMENTARIES = "documentaries"


@dataclasses.dataclass(frozen=True)
class DirectoryMarket:
    name_en: str
    name_zh: str
    city: str
    country: str  # ISO 3166-1 alpha-2
    time_zone: str
    focus: tuple[str, ...]
    website: str = ""
    founded: int | None = None
    month: int | None = None  # the month an edition usually opens

    @property
    def city_zh(self) -> str:
        return CITIES_ZH.get(self.city, "")


CITIES_ZH: dict[str, str] = {
    "Annecy": "安纳西",
    "Beijing": "北京",
    "Berlin": "柏林",
    "Buenos Aires": "布宜诺斯艾利斯",
    "Busan": "釜山",
    "Cannes": "戛纳",
    "Hong Kong": "香港",
    "La Rochelle": "拉罗谢尔",
    "Las Vegas": "拉斯维加斯",
    "Lille": "里尔",
    "London": "伦敦",
    "Rome": "罗马",
    "Rotterdam": "鹿特丹",
    "Shanghai": "上海",
    "Tokyo": "东京",
    "Venice": "威尼斯",
}

MARKETS: tuple[DirectoryMarket, ...] = (
    DirectoryMarket(
        "Marché du Film",
        "戛纳电影市场",
        "Cannes",
        "FR",
        "Europe/Paris",
        (FEATURES, DOCUMENTARIES, ANIMATION),
        website="https://www.marchedufilm.com/",
        founded=1959,
        month=5,
    ),
    DirectoryMarket(
        "European Film Market",
        "欧洲电影市场",
        "Berlin",
        "DE",
        "Europe/Berlin",
        (FEATURES, TV, DOCUMENTARIES),
        website="https://www.efm-berlinale.de/",
        month=2,
    ),
    DirectoryMarket(
        "Berlinale Co-Production Market",
        "柏林电影节合拍市场",
        "Berlin",
        "DE",
        "Europe/Berlin",
        (FEATURES, TV),
        month=2,
    ),
    DirectoryMarket(
        "American Film Market",
        "美国电影市场",
        "Las Vegas",
        "US",
        "America/Los_Angeles",
        (FEATURES,),
        website="https://americanfilmmarket.com/",
        month=11,
    ),
    DirectoryMarket(
        "Hong Kong International Film & TV Market (FILMART)",
        "香港国际影视展",
        "Hong Kong",
        "HK",
        "Asia/Hong_Kong",
        (FEATURES, TV, ANIMATION),
        website="https://www.hkfilmart.com/",
        month=3,
    ),
    DirectoryMarket(
        "Hong Kong - Asia Film Financing Forum (HAF)",
        "香港亚洲电影投资会",
        "Hong Kong",
        "HK",
        "Asia/Hong_Kong",
        (FEATURES, DOCUMENTARIES),
        month=3,
    ),
    DirectoryMarket(
        "TIFFCOM",
        "东京国际内容市场",
        "Tokyo",
        "JP",
        "Asia/Tokyo",
        (FEATURES, TV, ANIMATION),
        website="https://tiffcom.jp/",
    ),
    DirectoryMarket(
        "Asian Contents & Film Market",
        "亚洲内容与电影市场",
        "Busan",
        "KR",
        "Asia/Seoul",
        (FEATURES, TV),
        month=10,
    ),
    DirectoryMarket(
        "Ventana Sur",
        "南方之窗电影市场",
        "Buenos Aires",
        "AR",
        "America/Argentina/Buenos_Aires",
        (FEATURES, ANIMATION),
    ),
    DirectoryMarket(
        "MIPCOM",
        "戛纳秋季电视节",
        "Cannes",
        "FR",
        "Europe/Paris",
        (TV, ANIMATION, DOCUMENTARIES),
        website="https://www.mipcom.com/",
        month=10,
    ),
    DirectoryMarket(
        "Series Mania Forum",
        "Series Mania 剧集论坛",
        "Lille",
        "FR",
        "Europe/Paris",
        (TV,),
        website="https://seriesmania.com/",
        month=3,
    ),
    DirectoryMarket(
        "SIFF Mart",
        "上海国际电影节电影市场",
        "Shanghai",
        "CN",
        "Asia/Shanghai",
        (FEATURES, TV),
        month=6,
    ),
    DirectoryMarket(
        "Beijing International Film Festival Film Market",
        "北京国际电影节电影市场",
        "Beijing",
        "CN",
        "Asia/Shanghai",
        (FEATURES,),
        month=4,
    ),
    DirectoryMarket(
        "Sunny Side of the Doc",
        "阳光纪录片节",
        "La Rochelle",
        "FR",
        "Europe/Paris",
        (DOCUMENTARIES,),
        website="https://www.sunnysideofthedoc.com/",
        month=6,
    ),
    DirectoryMarket(
        "MIFA (Annecy International Animation Film Market)",
        "安纳西国际动画电影市场",
        "Annecy",
        "FR",
        "Europe/Paris",
        (ANIMATION,),
        month=6,
    ),
    DirectoryMarket(
        "Content London",
        "伦敦内容大会",
        "London",
        "GB",
        "Europe/London",
        (TV, DOCUMENTARIES),
    ),
    DirectoryMarket(
        "MIA Market (Rome)",
        "罗马国际视听市场",
        "Rome",
        "IT",
        "Europe/Rome",
        (FEATURES, TV, DOCUMENTARIES, ANIMATION),
        month=10,
    ),
    DirectoryMarket(
        "CineMart (IFFR Pro)",
        "鹿特丹电影节CineMart创投市场",
        "Rotterdam",
        "NL",
        "Europe/Amsterdam",
        (FEATURES,),
    ),
    DirectoryMarket(
        "Venice Production Bridge",
        "威尼斯制片桥",
        "Venice",
        "IT",
        "Europe/Rome",
        (FEATURES, TV),
        month=8,
    ),
)
