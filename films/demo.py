"""The demo catalogue a newcomer meets: thirty fictional films with posters drawn in code.

``demo_catalogue_build`` registers every film through the real services, as its producer
would: the record with credits, a poster (and for some films stills) through
``film_image_add``, the rights grid through ``film_rights_replace``, then the listing walked
to its state through ``film_transition`` — submitted by the producer, decided by the agency
admin — so every audit timeline is true. Films are keyed by organization + original title:
a film that exists is left as it is, so running again creates nothing.

Every title, person and company here is invented. Posters are drawn with Pillow in each
film's own colours; the Chinese title needs a CJK font (Debian's fonts-noto-cjk), and
without one the poster still carries the English title in Pillow's default font.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import math
import random
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont, ImageStat

from accounts.enums import OrganizationKind
from accounts.models import Organization
from core.jobs.selectors import job_list_recent_of
from core.jobs.services import job_run
from films import services
from films.enums import CompletionStatus, CreditRole, FilmType, ImageKind, ListingStatus, RightsMedia, RightsStatus
from films.models import Film, ScreenerRequest, Shortlist

DEMO_PICTURES = "Demo Pictures"
SECOND_LIGHT = "Second Light Films"

SALES_EMAIL = {
    DEMO_PICTURES: "sales@demo-pictures.demo.test",
    SECOND_LIGHT: "sales@second-light.demo.test",
}

# --- Film data -------------------------------------------------------------------------

F = FilmType
C = CompletionStatus
L = ListingStatus
S = RightsStatus

# Domestic and co-producer rights holders (all invented).
HUAYING = "华影星光发行 Huaying Starlight Distribution"
SHENGUANG = "申光影业 Shenguang Pictures"


@dataclasses.dataclass(frozen=True)
class Deal:
    """A rights row that is not simply "available": sold or under negotiation somewhere."""

    territory: str
    media: str | tuple[str, ...]
    status: str
    holder: str = ""
    start: date | None = None
    end: date | None = None
    except_: tuple[str, ...] = ()

    @property
    def media_list(self) -> list[str]:
        return list(RightsMedia.values) if self.media == "all" else list(self.media)


Credit = tuple[str, str, str, str]  # role, name, name in Latin letters, character


def D(name: str, latin: str) -> Credit:
    return (CreditRole.DIRECTOR, name, latin, "")


def W(name: str, latin: str) -> Credit:
    return (CreditRole.WRITER, name, latin, "")


def P(name: str, latin: str) -> Credit:
    return (CreditRole.PRODUCER, name, latin, "")


def A(name: str, latin: str, character: str) -> Credit:
    return (CreditRole.CAST, name, latin, character)


def DOP(name: str, latin: str) -> Credit:
    return (CreditRole.CINEMATOGRAPHER, name, latin, "")


def E(name: str, latin: str) -> Credit:
    return (CreditRole.EDITOR, name, latin, "")


def M(name: str, latin: str) -> Credit:
    return (CreditRole.COMPOSER, name, latin, "")


# Crews that work across several films, as crews do.
CHEN_JING = P("陈静", "Chen Jing")
ZHAO_LEI = P("赵磊", "Zhao Lei")
YE_ZHIQIU = DOP("叶知秋", "Ye Zhiqiu")
KE_YUAN = DOP("柯远", "Ke Yuan")
TANG_YIFAN = DOP("唐一帆", "Tang Yifan")
SHAO_MIN = E("邵敏", "Shao Min")
YAN_MU = E("严牧", "Yan Mu")
WEI_LAN = E("卫岚", "Wei Lan")
JI_FENG = M("季风", "Ji Feng")
SHI_JIAWEI = M("施家伟", "Shi Jiawei")
XU_NUO = M("许诺", "Xu Nuo")

DCP4K_SCOPE = ("DCP 4K", "2.39:1", "Dolby Atmos")
DCP4K_FLAT = ("DCP 4K", "1.85:1", "Dolby Atmos")
DCP2K_FLAT = ("DCP 2K", "1.85:1", "5.1")
PRORES_HD = ("ProRes 422 HQ (HD)", "16:9", "Stereo")


@dataclasses.dataclass(frozen=True)
class DemoFilm:
    org: str
    title_original: str
    title_en: str
    logline_zh: str
    logline_en: str
    synopsis_zh: str
    synopsis_en: str
    film_type: str
    genres: tuple[str, ...]
    runtime: int | None
    year: int
    completion: str
    languages: tuple[str, ...]
    subtitles: tuple[str, ...]
    countries: tuple[str, ...]
    credits: tuple[Credit, ...]
    specs: tuple[str, str, str]
    palette: tuple[str, str, str]  # top of the sky, bottom, accent
    art: str
    state: str
    # Rights: deals on top of "available" for ``rights_media`` everywhere but ``held_back``;
    # None leaves the grid empty (an unfinished draft).
    deals: tuple[Deal, ...] | None = ()
    rights_media: str | tuple[str, ...] = "all"
    held_back: tuple[str, ...] = ("greater_china",)
    release: date | None = None
    box_office: Decimal | None = None
    stills: tuple[str, ...] = ()
    sales_agent: str = ""
    # The companies credited with producing the film (both for a co-production).
    production_companies: tuple[str, ...] = ()
    screener: bool = False
    # Fields (or "credit:<role>") left out of the record as first registered.
    omit: tuple[str, ...] = ()
    # "changes_requested" or a history through it: the admin's note, then the producer's answer.
    review_note: str = ""
    producer_note: str = ""
    revised: bool = False  # sent back once, fixed, resubmitted, then decided
    # Changes to a published film's reviewed fields, waiting for the agency: (field, new value).
    proposed: tuple[tuple[str, str], ...] = ()

    @property
    def slug(self) -> str:
        return slugify(self.title_en)


FILMS: list[DemoFilm] = [
    # --- Demo Pictures, Beijing ---------------------------------------------------------
    DemoFilm(
        org=DEMO_PICTURES,
        title_original="盐湖来信",
        title_en="Letters from the Salt Lake",
        logline_zh="柴达木盐湖边，沉默的邮递员为不识字的寡妇读信，又开始一封封替她远走的儿子写回信。",
        logline_en=(
            "On the salt flats of Qaidam, a taciturn postman reads a widow's letters aloud to her — "
            "and begins, one by one, to write the letters her son never sent."
        ),
        synopsis_zh=(
            "老马在柴达木的盐湖上送了三十年信。不识字的孙婶请他念儿子的来信，他却发现信两年前就断了——"
            "孙婶每周递给他的，都是同一个信封。他没有说破，而是开始自己动笔写信。冬天封路，矿业公司来村里收地，"
            "这个出于善意的谎言，成了维系两个孤独的人的唯一纽带。"
        ),
        synopsis_en=(
            "Lao Ma has carried the post across the salt flats of Qaidam for thirty years. When Aunt Sun, who "
            "never learned to read, asks him to read her son's letters aloud, he discovers that the letters "
            "stopped coming two years ago — and that she has been handing him the same envelope every week. "
            "Rather than tell her, he starts to write the letters himself. As winter closes the road and a "
            "mining company arrives to buy the village, the lie he built out of kindness becomes the only thing "
            "holding two lonely people together."
        ),
        film_type=F.FEATURE_FICTION,
        genres=("drama", "arthouse"),
        runtime=118,
        year=2024,
        completion=C.RELEASED,
        languages=("cmn",),
        subtitles=("en", "fr", "es"),
        countries=("CN",),
        credits=(
            D("许曼", "Xu Man"),
            W("许曼", "Xu Man"),
            W("孟繁星", "Meng Fanxing"),
            CHEN_JING,
            A("郝建国", "Hao Jianguo", "老马 Lao Ma"),
            A("潘小凤", "Pan Xiaofeng", "孙婶 Aunt Sun"),
            A("石磊", "Shi Lei", "孙小军 Sun Xiaojun"),
            YE_ZHIQIU,
            SHAO_MIN,
            JI_FENG,
        ),
        specs=("DCP 4K", "2.39:1", "5.1"),
        palette=("#9fc3dd", "#efe6d6", "#e0a130"),
        art="sun",
        state=L.PUBLISHED,
        deals=(
            Deal("FR", ("theatrical",), S.SOLD, "Overseas Distribution", date(2025, 3, 1), date(2032, 2, 29)),
            Deal("BE", ("theatrical",), S.SOLD, "Overseas Distribution", date(2025, 3, 1), date(2032, 2, 29)),
            Deal("DE", ("free_tv",), S.UNDER_NEGOTIATION, "Nordlicht Broadcasting"),
            Deal("CN", "all", S.SOLD, HUAYING, date(2024, 9, 1), date(2034, 8, 31)),
        ),
        release=date(2024, 10, 18),
        box_office=Decimal("21480000.00"),
        stills=("Lao Ma on the salt road", "Aunt Sun's kitchen, winter"),
        sales_agent=SECOND_LIGHT,
        production_companies=(DEMO_PICTURES, SECOND_LIGHT),
        screener=True,
        proposed=(
            ("title_en", "Letters from the Salt Flats"),
            (
                "logline_en",
                "On the salt flats of Qaidam, a silent postman reads a widow's letters aloud — and starts "
                "writing the ones her son never sent.",
            ),
        ),
    ),
    DemoFilm(
        org=DEMO_PICTURES,
        title_original="铁轨上的夏天",
        title_en="Summer on the Rails",
        logline_zh="货运线停运前的最后一个夏天，东北小城的三个铁路子弟决定扒上最后一班火车，去看海。",
        logline_en=(
            "The summer before the freight line closes, three railway kids in a northeastern town set out to "
            "ride the last train to the sea."
        ),
        synopsis_zh=(
            "1998年，佳木斯。养活了整座小城的货运线将在八月底停运。十四岁的小东、好朋友胖子和从南方转学来的林玥，"
            "整个夏天都在抄列车时刻表、偷煤换零花钱，计划扒上最后一班车一路去大连。他们最终走完的那段路，"
            "比梦想中短，也比他们愿意承认的更长。"
        ),
        synopsis_en=(
            "Jiamusi, 1998. The freight line that gave the town its jobs will close at the end of August. "
            "Fourteen-year-old Xiaodong, his best friend Pangzi and Lin Yue, the new girl from the south, spend "
            "the summer copying timetables, stealing coal for pocket money and planning to ride the final train "
            "all the way to Dalian. The journey they finally make is shorter than they dreamed, and longer than "
            "they will ever admit."
        ),
        film_type=F.FEATURE_FICTION,
        genres=("youth", "drama"),
        runtime=104,
        year=2023,
        completion=C.RELEASED,
        languages=("cmn",),
        subtitles=("en", "ko"),
        countries=("CN",),
        credits=(
            D("秦望川", "Qin Wangchuan"),
            W("秦望川", "Qin Wangchuan"),
            W("吕思齐", "Lü Siqi"),
            CHEN_JING,
            A("冯晨", "Feng Chen", "小东 Xiaodong"),
            A("孔令航", "Kong Linghang", "胖子 Pangzi"),
            A("金雪", "Jin Xue", "林玥 Lin Yue"),
            YE_ZHIQIU,
            SHAO_MIN,
            SHI_JIAWEI,
        ),
        specs=DCP2K_FLAT,
        palette=("#f4a259", "#3f6f62", "#f4e285"),
        art="stripes",
        state=L.PUBLISHED,
        deals=(
            Deal("KR", "all", S.SOLD, "Hanbit Pictures", date(2024, 1, 1), date(2030, 12, 31)),
            Deal("CN", "all", S.SOLD, HUAYING, date(2023, 6, 1), date(2033, 5, 31)),
        ),
        release=date(2023, 7, 14),
        box_office=Decimal("56300000.00"),
    ),
    DemoFilm(
        org=DEMO_PICTURES,
        title_original="月亮工厂",
        title_en="The Moon Factory",
        logline_zh="每天夜里给月亮抛光的工厂里，最后一位夜班老师傅要退休了，住在工厂里的小女孩必须接过这份工作。",
        logline_en=(
            "A girl who lives in the factory that polishes the moon every night has to save it when the last "
            "night-shift worker retires."
        ),
        synopsis_zh=(
            "每天夜里，在云层之上的某个地方，一座小工厂给月亮抛光，让它照亮城市。九岁的丫丫和爷爷住在工厂里，"
            "爷爷是夜班最后一名工人。爷爷退休后，工厂老板决定用一盏更便宜、更亮的灯代替月亮。丫丫带着一只发条仙鹤"
            "和一只流浪猫出发，要证明旧月亮值得留下。本片在北京手绘动画，在昂古莱姆完成上色。"
        ),
        synopsis_en=(
            "Every night, somewhere above the clouds, a small factory polishes the moon so that it shines over "
            "the city. Nine-year-old Yaya lives there with her grandfather, the last worker on the night shift. "
            "When he retires and the owners decide to replace the moon with a cheaper, brighter lamp, Yaya, a "
            "clockwork crane and a stray cat set out to prove that the old moon is worth keeping. Hand-drawn in "
            "Beijing and coloured in Angoulême."
        ),
        film_type=F.ANIMATION,
        genres=("family", "fantasy", "children"),
        runtime=92,
        year=2025,
        completion=C.COMPLETED,
        languages=("cmn",),
        subtitles=("en", "fr"),
        countries=("CN", "FR"),
        credits=(
            D("周以宁", "Zhou Yining"),
            W("周以宁", "Zhou Yining"),
            W("克莱尔·杜布瓦", "Claire Dubois"),
            CHEN_JING,
            P("让·勒菲弗", "Jean Lefebvre"),
            A("程橙", "Cheng Cheng", "丫丫 Yaya (voice)"),
            A("郝建国", "Hao Jianguo", "爷爷 Grandpa (voice)"),
            SHAO_MIN,
            JI_FENG,
        ),
        specs=DCP4K_FLAT,
        palette=("#0b1d51", "#4a3b6b", "#f6d55c"),
        art="sun",
        state=L.PUBLISHED,
        deals=(Deal("FR", ("theatrical",), S.UNDER_NEGOTIATION, "Overseas Distribution"),),
        stills=("Yaya on the moon ladder",),
        sales_agent=SECOND_LIGHT,
        production_companies=(DEMO_PICTURES,),
        screener=True,
    ),
    DemoFilm(
        org=DEMO_PICTURES,
        title_original="经幡下的牧人",
        title_en="The Herder Beneath the Prayer Flags",
        logline_zh="安多草原上，年迈的牦牛牧人必须在世代放牧的草场和女儿在县城的新生活之间作出选择。",
        logline_en=(
            "An ageing yak herder on the Amdo grasslands must choose between the pasture his family has grazed "
            "for generations and his daughter's new life in town."
        ),
        synopsis_zh=(
            "每年春天，贡布都会把牦牛赶上父亲挂过经幡的夏季牧场。今年，在县城当护士的女儿卓玛劝他卖掉牛群，"
            "搬去和她一家同住。在一个充满风暴、走失的牛犊和一场婚礼的漫长季节里，父女俩试探着：一种生活，"
            "究竟有多少能被带下山。影片在海拔4200米实景拍摄，由非职业演员出演。"
        ),
        synopsis_en=(
            "Every spring Gonpo drives his yaks up to the summer pasture beneath the prayer flags his father "
            "hung. This year his daughter Drolma, a nurse in the county town, asks him to sell the herd and come "
            "to live with her family. Over one long season of storms, a lost calf and a wedding, father and "
            "daughter test how much of a life can be carried down a mountain. Shot on location at 4,200 metres "
            "with non-professional actors."
        ),
        film_type=F.FEATURE_FICTION,
        genres=("drama", "arthouse"),
        runtime=112,
        year=2024,
        completion=C.COMPLETED,
        languages=("bo",),
        subtitles=("zh-hans", "en", "fr"),
        countries=("CN",),
        credits=(
            D("扎西次仁", "Tashi Tsering"),
            W("扎西次仁", "Tashi Tsering"),
            CHEN_JING,
            A("贡布", "Gonpo", "贡布 Gonpo"),
            A("央金卓玛", "Yangchen Drolma", "卓玛 Drolma"),
            DOP("次仁多吉", "Tsering Dorje"),
            YAN_MU,
            M("洛桑", "Lobsang"),
        ),
        specs=("DCP 4K", "1.66:1", "5.1"),
        palette=("#1c3f60", "#6f9477", "#e4572e"),
        art="vertical",
        state=L.PUBLISHED,
        deals=(
            Deal("DE", ("theatrical",), S.UNDER_NEGOTIATION, "Alpenkino Verleih"),
            Deal("AT", ("theatrical",), S.UNDER_NEGOTIATION, "Alpenkino Verleih"),
            Deal("CH", ("theatrical",), S.UNDER_NEGOTIATION, "Alpenkino Verleih"),
        ),
        stills=("Gonpo at the summer pasture", "Drolma's wedding"),
        sales_agent=SECOND_LIGHT,
        screener=True,
    ),
    DemoFilm(
        org=DEMO_PICTURES,
        title_original="沉默的水库",
        title_en="The Silent Reservoir",
        logline_zh="村庄沉入水库二十年后，一次罕见的枯水期里，老村民们坐船回到了露出水面的故乡。",
        logline_en=(
            "Twenty years after their village disappeared under a reservoir, its former residents return by boat "
            "for a few days of low water."
        ),
        synopsis_zh=(
            "2022年夏天大旱，华中一座水库水位骤降，2002年被淹没的村庄露出了屋顶。散落在三个省份的老村民坐船回来，"
            "在旧街上走了几天。在这里长大的导演韩小川跟随四个家庭重返故地，掂量发展从他们身上拿走了什么，"
            "又给了他们什么。"
        ),
        synopsis_en=(
            "In the drought summer of 2022, the water of a reservoir in central China fell low enough to reveal "
            "the roofs of a village flooded in 2002. Former residents, now scattered across three provinces, came "
            "back by boat to walk their old streets for a few days. Director Han Xiaochuan, who grew up there, "
            "follows four families through their return, weighing what development took from them against what "
            "it gave."
        ),
        film_type=F.DOCUMENTARY,
        genres=("social-issues", "nature"),
        runtime=86,
        year=2023,
        completion=C.COMPLETED,
        languages=("cmn",),
        subtitles=("en", "de"),
        countries=("CN",),
        credits=(D("韩小川", "Han Xiaochuan"), CHEN_JING, KE_YUAN, YAN_MU, JI_FENG),
        specs=("ProRes 422 HQ", "1.85:1", "5.1"),
        palette=("#24384c", "#6f9ba6", "#c9d6df"),
        art="waves",
        state=L.PUBLISHED,
        deals=(Deal("DE", ("free_tv",), S.SOLD, "Nordlicht Broadcasting", date(2023, 6, 1), date(2026, 5, 31)),),
    ),
    DemoFilm(
        org=DEMO_PICTURES,
        title_original="第七个冬天",
        title_en="The Seventh Winter",
        logline_zh="八集，七个冬天：边境小城的女警重启了那宗改变她一家命运的失踪案。",
        logline_en=(
            "Eight episodes, seven winters: a police officer in a border town reopens the disappearance that "
            "has defined her family."
        ),
        synopsis_zh=(
            "2017年，一名教师在黑河与布拉戈维申斯克之间的冰封江面上失踪。七个冬天后，女警曲宁调回家乡，"
            "在案卷里看到了父亲的名字。全剧每集讲述一个冬天，终集回到失踪那一夜，是一幅关于小城集体选择遗忘的"
            "群像。共8集，每集45分钟。"
        ),
        synopsis_en=(
            "In 2017, a schoolteacher vanished on the frozen river between Heihe and Blagoveshchensk. Seven "
            "winters later, Officer Qu Ning is transferred back to her home town and finds her father's name in "
            "the case file. Told across seven winters, one per episode, with a final episode set on the night of "
            "the disappearance, the series is a slow-burning portrait of a town that decided long ago what it "
            "would not remember. 8 × 45 minutes."
        ),
        film_type=F.SERIES,
        genres=("crime", "mystery", "thriller"),
        runtime=360,
        year=2025,
        completion=C.COMPLETED,
        languages=("cmn",),
        subtitles=("en", "ja", "ko"),
        countries=("CN",),
        credits=(
            D("陆远舟", "Lu Yuanzhou"),
            W("吕思齐", "Lü Siqi"),
            W("陆远舟", "Lu Yuanzhou"),
            CHEN_JING,
            A("宁可欣", "Ning Kexin", "曲宁 Qu Ning"),
            A("郝建国", "Hao Jianguo", "曲卫东 Qu Weidong"),
            A("冯晨", "Feng Chen", "周野 Zhou Ye"),
            KE_YUAN,
            SHAO_MIN,
            SHI_JIAWEI,
        ),
        specs=("ProRes 4444 (UHD)", "2.00:1", "5.1"),
        palette=("#dfe7ec", "#1b263b", "#9b2226"),
        art="blocks",
        state=L.PUBLISHED,
        deals=(
            Deal(
                "asia_pacific",
                ("svod",),
                S.SOLD,
                "Pacific Stream",
                date(2025, 6, 1),
                date(2028, 5, 31),
                except_=("greater_china",),
            ),
            Deal("latin_america", ("svod",), S.UNDER_NEGOTIATION, "Pending Buyers"),
            Deal("CN", ("svod",), S.SOLD, "青橙视频 Qingcheng Video", date(2025, 3, 1), date(2030, 2, 28)),
        ),
        screener=True,
    ),
    DemoFilm(
        org=DEMO_PICTURES,
        title_original="云上的学校",
        title_en="The School Above the Clouds",
        logline_zh="云南海拔2800米的山区，一所只有两位老师的小学，最后一批学生即将离开。一年的记录。",
        logline_en=(
            "A year in a two-teacher primary school 2,800 metres up in the mountains of Yunnan, where the last "
            "pupils are about to leave."
        ),
        synopsis_zh=(
            "老君岭小学有十一个学生、两位老师和一个篮球架。县里宣布学校将撤并，孩子们要去两小时车程外的镇上寄宿。"
            "杨老师决定给最后一届学生一个最好的学年。影片历时四季拍摄，跟随孩子们、他们的祖辈和两位老师，"
            "一直走到学期的最后一天。"
        ),
        synopsis_en=(
            "The school at Laojun Ridge has eleven pupils, two teachers and one basketball hoop. When the county "
            "announces that it will close and the children will board at a town school two hours away, teacher "
            "Yang decides to give his last class the best year they have ever had. Filmed over four seasons, the "
            "documentary follows the children, their grandparents and the two teachers to the final day of term."
        ),
        film_type=F.DOCUMENTARY,
        genres=("children", "social-issues"),
        runtime=94,
        year=2021,
        completion=C.RELEASED,
        languages=("cmn",),
        subtitles=("en", "fr", "es"),
        countries=("CN",),
        credits=(D("宋雨桐", "Song Yutong"), CHEN_JING, KE_YUAN, YAN_MU, JI_FENG),
        specs=DCP2K_FLAT,
        palette=("#a9d6e5", "#2a6f97", "#fefae0"),
        art="sun",
        state=L.PUBLISHED,
        deals=(
            Deal("JP", ("theatrical",), S.SOLD, "Sakura Arthouse", date(2022, 4, 1), date(2027, 3, 31)),
            Deal("CN", ("theatrical",), S.SOLD, HUAYING, date(2021, 9, 1), date(2028, 8, 31)),
        ),
        release=date(2021, 9, 10),
        box_office=Decimal("3260000.00"),
    ),
    DemoFilm(
        org=DEMO_PICTURES,
        title_original="折纸鲸鱼",
        title_en="The Origami Whale",
        logline_zh="海边医院里，孤独的男孩折了一只纸鲸鱼，它游出窗外，去寻找大海。",
        logline_en=(
            "A paper whale folded by a lonely boy in a seaside hospital swims out of the window to find the sea."
        ),
        synopsis_zh=(
            "豆豆在医院住了一个冬天，听得见海浪，却从没看见过海。一天夜里，他用慰问卡片折成的纸鲸鱼溜出窗外，"
            "游过沉睡的小镇，游向港口，替男孩收集他错过的一切。一部无对白的定格剪纸短片，献给孩子，"
            "也献给每一个曾经是孩子的人。"
        ),
        synopsis_en=(
            "Doudou has been in hospital all winter, close enough to hear the sea but never to see it. One night "
            "the paper whale he folded from his get-well cards slips out of the window and swims through the "
            "sleeping town towards the harbour, collecting everything the boy has missed. A wordless stop-motion "
            "and paper-cut short for children, and for everyone who ever was one."
        ),
        film_type=F.ANIMATION,
        genres=("children", "family"),
        runtime=14,
        year=2024,
        completion=C.COMPLETED,
        languages=("cmn",),
        subtitles=(),
        countries=("CN",),
        credits=(D("何嘉木", "He Jiamu"), W("何嘉木", "He Jiamu"), CHEN_JING, YAN_MU, SHI_JIAWEI),
        specs=("DCP 2K", "1.78:1", "Stereo"),
        palette=("#cfe8ef", "#35608a", "#f7f7f2"),
        art="waves",
        state=L.PUBLISHED,
        held_back=(),
    ),
    DemoFilm(
        org=DEMO_PICTURES,
        title_original="长夜快递",
        title_en="Night Courier",
        logline_zh="重庆的摩托快递员必须在一夜之间送达一个包裹——三伙帮派、一名警探和他的前妻都想得到它。",
        logline_en=(
            "A motorbike courier in Chongqing has one night to deliver a package that three gangs, a detective "
            "and his ex-wife all want."
        ),
        synopsis_zh=(
            "袁晓靠在重庆的梯坎和大桥间跑单为生，欠了一屁股债。一个陌生人出十倍价钱，让他在天亮前把一个封好的箱子"
            "送过整座城，他没问里面是什么就接了。到了午夜，知道箱子里是什么的人们，开始在这座山城里上上下下地追他。"
            "一部几乎全部在真实外景夜拍的立体追逐惊悚片。"
        ),
        synopsis_en=(
            "Yuan Xiao rides the stairways and bridges of Chongqing for a living and owes money to everyone. When "
            "a stranger pays him ten times the usual rate to carry a sealed box across the city before dawn, he "
            "takes the job without asking what is inside. By midnight he is being chased up and down the "
            "mountain city by people who do know. A vertical chase thriller shot almost entirely at night on "
            "real locations."
        ),
        film_type=F.FEATURE_FICTION,
        genres=("thriller", "action", "crime"),
        runtime=109,
        year=2025,
        completion=C.COMPLETED,
        languages=("cmn",),
        subtitles=("en", "es", "pt"),
        countries=("CN",),
        credits=(
            D("沈墨", "Shen Mo"),
            W("沈墨", "Shen Mo"),
            W("钱文彬", "Qian Wenbin"),
            CHEN_JING,
            A("石磊", "Shi Lei", "袁晓 Yuan Xiao"),
            A("阮晴", "Ruan Qing", "程敏 Cheng Min"),
            A("俞晓峰", "Yu Xiaofeng", "老鬼 Lao Gui"),
            YE_ZHIQIU,
            SHAO_MIN,
            SHI_JIAWEI,
        ),
        specs=DCP4K_SCOPE,
        palette=("#0f0c29", "#302b63", "#ff2e63"),
        art="stripes",
        state=L.PUBLISHED,
        deals=(
            Deal("north_america", ("theatrical",), S.UNDER_NEGOTIATION, "Harbour Lights Releasing"),
            Deal(
                "worldwide",
                ("airline",),
                S.SOLD,
                "SkyScreen Inflight",
                date(2025, 10, 1),
                date(2027, 9, 30),
                except_=("greater_china",),
            ),
        ),
        stills=("Yuan Xiao on the night bridge",),
        sales_agent=SECOND_LIGHT,
        production_companies=(DEMO_PICTURES, SECOND_LIGHT),
        screener=True,
    ),
    DemoFilm(
        org=DEMO_PICTURES,
        title_original="窑火",
        title_en="Kiln Fire",
        logline_zh="1912年的景德镇，窑主的女儿为保住家中作坊，烧制最后一窑御窑釉色。",
        logline_en=(
            "Jingdezhen, 1912: a kiln master's daughter fires one last imperial glaze to save her family's workshop."
        ),
        synopsis_zh=(
            "清朝覆亡，维系沈家窑两百年的御用订单也随之断绝。父亲失明后，沈秋月接掌作坊，对抗行会、叔父，"
            "以及一心想得到沈家秘釉的洋商。影片在仍在烧制的古窑中拍摄，由老匠人参与，讲述手艺、传承和美的代价。"
        ),
        synopsis_en=(
            "The Qing dynasty has fallen, and with it the imperial orders that kept the Shen family kiln alight "
            "for two hundred years. When her father loses his sight, Shen Qiuyue takes over the workshop against "
            "the guild, her uncle and a foreign buyer who wants the family's secret glaze. Filmed in working kilns "
            "with master potters, Kiln Fire is a story about craft, inheritance and the price of beauty."
        ),
        film_type=F.FEATURE_FICTION,
        genres=("drama", "history"),
        runtime=124,
        year=2024,
        completion=C.RELEASED,
        languages=("cmn",),
        subtitles=("en", "fr", "it"),
        countries=("CN", "IT"),
        credits=(
            D("顾晓岚", "Gu Xiaolan"),
            W("顾晓岚", "Gu Xiaolan"),
            W("孟繁星", "Meng Fanxing"),
            CHEN_JING,
            P("卢卡·贝尔蒂", "Luca Berti"),
            A("阮晴", "Ruan Qing", "沈秋月 Shen Qiuyue"),
            A("郝建国", "Hao Jianguo", "沈老窑 Old Master Shen"),
            A("俞晓峰", "Yu Xiaofeng", "沈二叔 Uncle Shen"),
            KE_YUAN,
            YAN_MU,
            JI_FENG,
        ),
        specs=DCP4K_SCOPE,
        palette=("#3d0c02", "#151515", "#e36414"),
        art="rings",
        state=L.PUBLISHED,
        deals=(
            Deal("IT", "all", S.SOLD, "Orizzonte Film", date(2024, 9, 1), date(2031, 8, 31)),
            Deal("CN", "all", S.SOLD, HUAYING, date(2024, 3, 1), date(2034, 2, 28)),
        ),
        release=date(2024, 4, 26),
        box_office=Decimal("48900000.00"),
        omit=("logline_en",),
        revised=True,
        review_note="Please add the English logline: buyers see it first, on every catalogue card.",
        producer_note="English logline added.",
    ),
    DemoFilm(
        org=DEMO_PICTURES,
        title_original="冰湖上的鼓手",
        title_en="The Drummer on the Frozen Lake",
        logline_zh="一只耳朵失聪的爵士鼓手回到哈尔滨，为冰雪节训练一支少儿军乐队。",
        logline_en=(
            "A jazz drummer who has lost the hearing in one ear goes home to Harbin to train a children's "
            "marching band for the ice festival."
        ),
        synopsis_zh=(
            "张鹤曾在上海最好的爵士酒吧打鼓。如今半聋、身无分文，他回到哈尔滨，接下唯一能找到的工作：在冰雪节"
            "松花江巡游前，把二十个五音不全的小学生训练成一支军乐队。在零下三十度的排练和疏远多年的母亲开的"
            "俄式面包房之间，他重新学会了倾听。"
        ),
        synopsis_en=(
            "Zhang He once played the best jazz clubs in Shanghai. Half deaf and broke, he comes home to Harbin "
            "and takes the only job on offer: turning twenty tone-deaf primary-school children into a marching "
            "band for the ice-festival parade on the Songhua River. Between rehearsals at minus thirty and his "
            "estranged mother's Russian bakery, he learns to listen again."
        ),
        film_type=F.FEATURE_FICTION,
        genres=("music", "drama", "family"),
        runtime=101,
        year=2023,
        completion=C.RELEASED,
        languages=("cmn",),
        subtitles=("en", "de", "ru"),
        countries=("CN",),
        credits=(
            D("林秋白", "Lin Qiubai"),
            W("林秋白", "Lin Qiubai"),
            CHEN_JING,
            A("冯晨", "Feng Chen", "张鹤 Zhang He"),
            A("潘小凤", "Pan Xiaofeng", "张母 Zhang's mother"),
            A("程橙", "Cheng Cheng", "小雪 Xiaoxue"),
            YE_ZHIQIU,
            SHAO_MIN,
            SHI_JIAWEI,
        ),
        specs=DCP2K_FLAT,
        palette=("#d7f1f5", "#3d5a80", "#ee6c4d"),
        art="vertical",
        state=L.PUBLISHED,
        deals=(Deal("europe", ("free_tv",), S.UNDER_NEGOTIATION, "Northern Lights TV Group"),),
        release=date(2023, 12, 22),
        box_office=Decimal("12750000.00"),
    ),
    DemoFilm(
        org=DEMO_PICTURES,
        title_original="小城剧团",
        title_en="The Small-Town Troupe",
        logline_zh="县剧团接到解散通知，仅剩的八名团员踏上了最后一次、状况百出的下乡巡演。",
        logline_en=(
            "Told that it will be dissolved, a county opera troupe's eight remaining members set off on one "
            "last, disastrous tour of the villages."
        ),
        synopsis_zh=(
            "清水县剧团只剩八名团员、一辆借来的卡车，和一出六十岁以下的人都没听过的戏。解散前的最后一个月，"
            "倔强的团长安排了十二个村的巡演，要证明观众还需要他们。爆胎、婚礼、葬礼、一场意外走红的直播，"
            "以及一个完美的戏曲之夜接踵而至。"
        ),
        synopsis_en=(
            "The Qingshui County Opera Troupe has eight members, a borrowed truck and a repertoire nobody under "
            "sixty has heard of. Given one month before the troupe is dissolved, its stubborn director books a "
            "tour of twelve villages to prove that audiences still want them. Flat tyres, a wedding, a funeral, "
            "a livestream that goes unexpectedly viral and one perfect night of opera follow."
        ),
        film_type=F.FEATURE_FICTION,
        genres=("comedy", "family"),
        runtime=96,
        year=2023,
        completion=C.RELEASED,
        languages=("cmn",),
        subtitles=("en",),
        countries=("CN",),
        credits=(
            D("马一鸣", "Ma Yiming"),
            W("马一鸣", "Ma Yiming"),
            CHEN_JING,
            A("郝建国", "Hao Jianguo", "团长老周 Director Zhou"),
            A("金雪", "Jin Xue", "小梅 Xiaomei"),
            A("孔令航", "Kong Linghang", "二胖 Erpang"),
            KE_YUAN,
            YAN_MU,
            JI_FENG,
        ),
        specs=DCP2K_FLAT,
        palette=("#ffd166", "#ef476f", "#073b4c"),
        art="blocks",
        state=L.WITHDRAWN,
        deals=(Deal("CN", "all", S.SOLD, HUAYING, date(2023, 8, 1), date(2033, 7, 31)),),
        release=date(2023, 9, 29),
        box_office=Decimal("88400000.00"),
        producer_note="Withdrawn while the international rights are renegotiated with our new co-financier.",
    ),
    DemoFilm(
        org=DEMO_PICTURES,
        title_original="星河修理铺",
        title_en="The Galaxy Repair Shop",
        logline_zh="一家修收音机、修电饭煲、偶尔也修飞船的小镇修理铺，发现史上最大的一位顾客困在了自家屋顶上。",
        logline_en=(
            "A small-town repair shop that fixes radios, rice cookers and, once, a spaceship finds its biggest "
            "customer stuck on the roof."
        ),
        synopsis_zh=(
            "贵州小县城里，罗叔的修理铺靠一把螺丝刀和耐心什么都能修。端午节那天，一艘小小的外星飞船坠落在铺子屋顶。"
            "罗叔、他读高中的孙女和隔壁的无线电爱好者只有三天时间把它修好——之后，有关部门、记者和半个省的人"
            "都会赶来。一部关于将就与创造的温情科幻喜剧。"
        ),
        synopsis_en=(
            "Uncle Luo's repair shop in a Guizhou county town can fix anything with a screwdriver and patience. "
            "When a small alien craft crashes onto the roof during the Dragon Boat Festival, Luo, his teenage "
            "granddaughter and the radio amateur from next door have three days to mend it before the "
            "authorities, the press and half the province arrive. A warm science-fiction comedy about making do."
        ),
        film_type=F.FEATURE_FICTION,
        genres=("science-fiction", "comedy", "family"),
        runtime=105,
        year=2026,
        completion=C.POST_PRODUCTION,
        languages=("cmn",),
        subtitles=("en",),
        countries=("CN",),
        credits=(
            D("丁一禾", "Ding Yihe"),
            W("丁一禾", "Ding Yihe"),
            CHEN_JING,
            A("俞晓峰", "Yu Xiaofeng", "罗叔 Uncle Luo"),
            A("金雪", "Jin Xue", "罗小满 Luo Xiaoman"),
            A("孔令航", "Kong Linghang", "阿健 A-Jian"),
            YE_ZHIQIU,
            SHAO_MIN,
            SHI_JIAWEI,
        ),
        specs=DCP4K_SCOPE,
        palette=("#240046", "#5a189a", "#80ffdb"),
        art="rings",
        state=L.DRAFT,
    ),
    DemoFilm(
        org=DEMO_PICTURES,
        title_original="九号台风",
        title_en="Typhoon No. 9",
        logline_zh="超强台风切断了福建外海一座海岛的联系，渡轮船长和海警新兵要在一夜之间撤离四百人。",
        logline_en=(
            "When a super typhoon cuts off an island off the Fujian coast, a ferry captain and a coast-guard "
            "rookie must evacuate four hundred people in one night."
        ),
        synopsis_zh=(
            "本季第九号台风一夜之间转向石屿岛。跨海大桥封闭，直升机停飞，唯一还能出海的是一艘老渡轮，"
            "船长林海生一周前刚被停职。他带着一名海警新兵和一台早该报废的发动机，驶入风暴。影片将于2026年开机，"
            "水下部分在青岛水棚拍摄。"
        ),
        synopsis_en=(
            "The ninth typhoon of the season turns overnight towards Shiyu Island. The bridge is closed, the "
            "helicopters are grounded and the only vessel that can still cross is an old ferry whose captain, "
            "Lin Haisheng, was suspended a week ago. With a coast-guard rookie and an engine that should have "
            "been scrapped, he sets out into the storm. Principal photography in 2026, with water-tank work in "
            "Qingdao."
        ),
        film_type=F.FEATURE_FICTION,
        genres=("action", "thriller", "adventure"),
        runtime=None,
        year=2026,
        completion=C.PRODUCTION,
        languages=("cmn",),
        subtitles=(),
        countries=("CN",),
        credits=(
            D("沈墨", "Shen Mo"),
            W("钱文彬", "Qian Wenbin"),
            CHEN_JING,
            A("石磊", "Shi Lei", "林海生 Lin Haisheng"),
            A("冯晨", "Feng Chen", "陈卓 Chen Zhuo"),
            YE_ZHIQIU,
        ),
        specs=DCP4K_SCOPE,
        palette=("#03045e", "#0077b6", "#caf0f8"),
        art="waves",
        state=L.DRAFT,
        deals=None,
    ),
    DemoFilm(
        org=DEMO_PICTURES,
        title_original="灯笼兔",
        title_en="The Lantern Rabbit",
        logline_zh="元宵节之夜，一盏纸兔灯活了过来，它必须在天亮前找到做它的小女孩。",
        logline_en=(
            "On the night of the Lantern Festival a paper rabbit lantern comes to life, and has until sunrise to "
            "find the girl who made it."
        ),
        synopsis_zh=(
            "每年元宵，乔奶奶都会做一盏兔子灯，每年它都在天亮时熄灭。今年，兔子灯团团醒了过来——它得知和奶奶一起"
            "做灯的孙女已经搬去城里，不再回来。团团和舞龙队、一只脾气很坏的风筝、古镇的河神们一起，在一夜灯火中"
            "穿城而过，要把她带回家。一部面向全家观众的二维动画电影。"
        ),
        synopsis_en=(
            "Every year Grandma Qiao makes one rabbit lantern for the festival, and every year it burns out at "
            "dawn. This year the lantern, Tuantuan, wakes up — and learns that the granddaughter who helped make "
            "it has moved to the city and is not coming back. With a dragon-dance team, a grumpy kite and the "
            "river spirits of an old water town, Tuantuan races across a night of lights to bring her home. 2D "
            "animation for family audiences."
        ),
        film_type=F.ANIMATION,
        genres=("family", "fantasy", "children"),
        runtime=88,
        year=2026,
        completion=C.POST_PRODUCTION,
        languages=("cmn",),
        subtitles=("en", "fr", "es"),
        countries=("CN",),
        credits=(
            D("周以宁", "Zhou Yining"),
            W("周以宁", "Zhou Yining"),
            W("吕思齐", "Lü Siqi"),
            CHEN_JING,
            A("程橙", "Cheng Cheng", "团团 Tuantuan (voice)"),
            A("潘小凤", "Pan Xiaofeng", "乔奶奶 Grandma Qiao (voice)"),
            SHAO_MIN,
            JI_FENG,
        ),
        specs=DCP4K_FLAT,
        palette=("#370617", "#6a040f", "#ffba08"),
        art="sun",
        state=L.PENDING_REVIEW,
    ),
    # --- Second Light Films, Shanghai ---------------------------------------------------
    DemoFilm(
        org=SECOND_LIGHT,
        title_original="外婆的弄堂",
        title_en="Grandma's Lane",
        logline_zh="拆迁前，上海外婆拒绝搬离弄堂，除非三个外孙答应陪她在老房子里过最后一个夏天。",
        logline_en=(
            "Before demolition, a Shanghai grandmother refuses to leave her lane house unless her three "
            "grandchildren spend one last summer there with her."
        ),
        synopsis_zh=(
            "八十一岁的金外婆从1958年起就住在这幢石库门弄堂房子里。补偿协议签了，搬家公司订了——她却把门锁上了。"
            "三个外孙——一个银行职员、一个过气网红、一个只肯跟她讲普通话的中学生——被派去劝她出门。"
            "一部关于邻里、阳春面和搬不走的东西的上海话喜剧。"
        ),
        synopsis_en=(
            "Eighty-one-year-old Grandma Jin has lived in the same shikumen lane house since 1958. The "
            "compensation is signed, the removal men are booked — and she has locked the door. Her three "
            "grandchildren, a banker, a fading influencer and a teenager who will only speak Mandarin to her, are "
            "sent in to talk her out. A Shanghainese comedy about neighbours, noodles and the things that cannot "
            "be moved."
        ),
        film_type=F.FEATURE_FICTION,
        genres=("comedy", "family"),
        runtime=99,
        year=2022,
        completion=C.RELEASED,
        languages=("wuu", "cmn"),
        subtitles=("en", "zh-hans", "fr"),
        countries=("CN",),
        credits=(
            D("陶然", "Tao Ran"),
            W("陶然", "Tao Ran"),
            W("吴侬", "Wu Nong"),
            ZHAO_LEI,
            A("潘小凤", "Pan Xiaofeng", "金外婆 Grandma Jin"),
            A("宁可欣", "Ning Kexin", "金晓 Jin Xiao"),
            A("孔令航", "Kong Linghang", "阿弟 A-Di"),
            TANG_YIFAN,
            WEI_LAN,
            XU_NUO,
        ),
        specs=DCP2K_FLAT,
        palette=("#f8edeb", "#9d8189", "#e07a5f"),
        art="blocks",
        state=L.PUBLISHED,
        deals=(
            Deal("FR", ("theatrical",), S.SOLD, "Overseas Distribution", date(2023, 6, 1), date(2030, 5, 31)),
            Deal("CN", "all", S.SOLD, SHENGUANG, date(2022, 10, 1), date(2032, 9, 30)),
        ),
        release=date(2022, 12, 30),
        box_office=Decimal("35600000.00"),
        stills=("Grandma Jin's kitchen",),
        sales_agent=SECOND_LIGHT,
        production_companies=(SECOND_LIGHT,),
    ),
    DemoFilm(
        org=SECOND_LIGHT,
        title_original="霓虹渡口",
        title_en="Neon Ferry",
        logline_zh="香港夜渡的水手在末班船上目睹了一起命案，却发现每一位乘客都有撒谎的理由。",
        logline_en=(
            "A deckhand on a Hong Kong night ferry witnesses a killing on the last crossing, and finds that every "
            "passenger has a reason to lie."
        ),
        synopsis_zh=(
            "从中环开往离岛的末班船凌晨零点三十分开出，载着十一名乘客，靠岸时只剩十个。还有三周就要移民的水手谢燊，"
            "是唯一看见上层甲板发生了什么的人——而负责此案的警探，是与他疏远多年的哥哥。一部粤语黑色电影，"
            "讲述一次航程和之后的七天。"
        ),
        synopsis_en=(
            "The last ferry from Central to the outlying islands leaves at 00:30 with eleven passengers. It "
            "arrives with ten. Deckhand Tse Sun, three weeks from emigrating, is the only one who saw what "
            "happened on the upper deck — and the detective in charge is his estranged brother. A Cantonese noir "
            "told across a single crossing and the seven days that follow it."
        ),
        film_type=F.FEATURE_FICTION,
        genres=("crime", "thriller", "mystery"),
        runtime=121,
        year=2023,
        completion=C.RELEASED,
        languages=("yue",),
        subtitles=("en", "zh-hans", "zh-hant"),
        countries=("CN", "HK"),
        credits=(
            D("梁家豪", "Leung Ka-ho"),
            W("梁家豪", "Leung Ka-ho"),
            W("陈卓言", "Chan Cheuk-yin"),
            ZHAO_LEI,
            P("黎嘉欣", "Lai Ka-yan"),
            A("周文杰", "Chow Man-kit", "谢燊 Tse Sun"),
            A("邓志伟", "Tang Chi-wai", "谢督察 Inspector Tse"),
            A("何颖诗", "Ho Wing-sze", "林嘉琪 Lam Ka-kei"),
            TANG_YIFAN,
            WEI_LAN,
            XU_NUO,
        ),
        specs=DCP4K_SCOPE,
        palette=("#0b0033", "#006466", "#ff4d6d"),
        art="waves",
        state=L.PUBLISHED,
        deals=(
            Deal("HK", "all", S.SOLD, "港湾影业 Harbourfront Pictures", date(2023, 9, 1), date(2033, 8, 31)),
            Deal("MO", "all", S.SOLD, "港湾影业 Harbourfront Pictures", date(2023, 9, 1), date(2033, 8, 31)),
            Deal("CN", "all", S.SOLD, SHENGUANG, date(2023, 9, 1), date(2033, 8, 31)),
            Deal("GB", ("theatrical",), S.UNDER_NEGOTIATION, "Lantern Releasing"),
            Deal("IE", ("theatrical",), S.UNDER_NEGOTIATION, "Lantern Releasing"),
        ),
        release=date(2023, 11, 10),
        box_office=Decimal("64200000.00"),
        stills=("The upper deck at 00:30", "Inspector Tse at the pier"),
        sales_agent=SECOND_LIGHT,
        production_companies=(SECOND_LIGHT, DEMO_PICTURES),
        screener=True,
    ),
    DemoFilm(
        org=SECOND_LIGHT,
        title_original="回声岛",
        title_en="Echo Island",
        logline_zh="一位中国录音师和日本灯塔守护人的女儿，在偏远海岛上寻找一个本不该存在的声音。",
        logline_en=(
            "A Chinese sound recordist and the daughter of a Japanese lighthouse keeper search a remote island "
            "for a voice that should not exist."
        ),
        synopsis_zh=(
            "录音师夏岚来到一座偏远的海岛，要在最后一台雾笛停用前录下它的声音——岛上，一座中国灯塔与一座日本灯塔"
            "隔着窄窄的海峡相望。她在录音带里听见一个女人在唱上海摇篮曲，那是三十年前在海上失踪的母亲的歌声。"
            "她与对岸灯塔守护人的女儿葵一起，循着这个声音穿过岩洞、广播档案和两个家庭的沉默。影片在舟山和冲绳拍摄。"
        ),
        synopsis_en=(
            "Sound recordist Xia Lan travels to a remote island, where a Chinese and a Japanese lighthouse face "
            "each other across a narrow strait, to record the last working foghorn before it is switched off. On "
            "her tapes she hears a woman singing a Shanghai lullaby: her mother's voice, lost at sea thirty years "
            "ago. With Aoi, the daughter of the keeper across the water, she follows the voice through caves, "
            "radio archives and the silences of two families. Shot in Zhoushan and Okinawa."
        ),
        film_type=F.FEATURE_FICTION,
        genres=("fantasy", "mystery", "drama"),
        runtime=115,
        year=2024,
        completion=C.COMPLETED,
        languages=("cmn", "ja"),
        subtitles=("en", "ja", "zh-hans"),
        countries=("CN", "JP"),
        credits=(
            D("纪南星", "Ji Nanxing"),
            W("纪南星", "Ji Nanxing"),
            W("小林直树", "Kobayashi Naoki"),
            ZHAO_LEI,
            P("中村惠", "Nakamura Megumi"),
            A("阮晴", "Ruan Qing", "夏岚 Xia Lan"),
            A("佐藤遥", "Sato Haruka", "葵 Aoi"),
            A("俞晓峰", "Yu Xiaofeng", "老陈 Old Chen"),
            TANG_YIFAN,
            WEI_LAN,
            XU_NUO,
        ),
        specs=DCP4K_FLAT,
        palette=("#2b2d42", "#8d99ae", "#edf2f4"),
        art="rings",
        state=L.PUBLISHED,
        deals=(Deal("JP", "all", S.SOLD, "海辺映画 Umibe Eiga", date(2024, 5, 1), date(2034, 4, 30)),),
        stills=("The two lighthouses",),
        sales_agent=SECOND_LIGHT,
        screener=True,
    ),
    DemoFilm(
        org=SECOND_LIGHT,
        title_original="熊猫邮差",
        title_en="Panda Postman",
        logline_zh="熊猫邮差嘟嘟为竹谷里的每一只动物送信——52集献给学龄前儿童的温柔冒险。",
        logline_en=(
            "A young panda delivers the post to every animal in Bamboo Valley: 52 gentle adventures for "
            "preschool audiences."
        ),
        synopsis_zh=(
            "嘟嘟是竹谷里最年轻、也是走得最慢的邮差。每一集都有一封信、一位邻居和一个小麻烦：找不到的地址、"
            "过不了桥的大包裹、收信人已经搬走的信……本片与幼儿教育工作者共同设计，每集11分钟，讲述耐心、善良，"
            "以及终于准时到达的快乐。已有英语、法语和西班牙语配音版本。"
        ),
        synopsis_en=(
            "Dudu is the youngest postman in Bamboo Valley, and the slowest. Every episode brings one letter, one "
            "neighbour and one small problem: a lost address, a parcel too big for the bridge, a letter for "
            "someone who has moved away. Designed with early-years educators, each 11-minute story is about "
            "patience, kindness and the pleasure of arriving on time, eventually. Dubbed versions exist in "
            "English, French and Spanish. 52 × 11 minutes."
        ),
        film_type=F.ANIMATION,
        genres=("children", "family"),
        runtime=572,
        year=2023,
        completion=C.COMPLETED,
        languages=("cmn",),
        subtitles=("en", "fr", "es", "ar"),
        countries=("CN",),
        credits=(
            D("程橙", "Cheng Cheng"),
            W("方可", "Fang Ke"),
            ZHAO_LEI,
            A("金雪", "Jin Xue", "嘟嘟 Dudu (voice)"),
            A("俞晓峰", "Yu Xiaofeng", "龟爷爷 Grandpa Tortoise (voice)"),
            WEI_LAN,
            XU_NUO,
        ),
        specs=PRORES_HD,
        palette=("#d8f3dc", "#52b788", "#1b4332"),
        art="blocks",
        state=L.PUBLISHED,
        deals=(
            Deal("latin_america", ("svod",), S.UNDER_NEGOTIATION, "Pending Buyers"),
            Deal(
                "middle_east_north_africa",
                ("free_tv",),
                S.SOLD,
                "Crescent Kids TV",
                date(2024, 1, 1),
                date(2026, 12, 31),
            ),
        ),
        sales_agent=SECOND_LIGHT,
    ),
    DemoFilm(
        org=SECOND_LIGHT,
        title_original="高原赛马会",
        title_en="Racing the Plateau",
        logline_zh="三名少年骑手和他们的马，为青藏高原上最盛大的夏季赛马会做准备。",
        logline_en=(
            "Three teenage jockeys and their horses prepare for the biggest summer horse race on the Tibetan plateau."
        ),
        synopsis_zh=(
            "每年八月，玉树草原各地的骑手都会聚到一场为期一周的赛马节。十三岁的多吉骑着爷爷的马；十五岁的白玛是"
            "村里第一个报名参赛的女孩；十四岁的拉巴用一匹借来的母马练了一整年。影片从春天产驹的季节一路跟拍到"
            "最后一场比赛，讲述速度、骄傲，以及一种和骑手们一样飞速变化着的生活方式。"
        ),
        synopsis_en=(
            "Every August, riders from across the grasslands of Yushu gather for a horse festival that lasts a "
            "week. Dorje, 13, rides his grandfather's horse; Pema, 15, is the first girl from her village to "
            "enter; Lhakpa, 14, has trained all year on a borrowed mare. Following them from the spring foaling "
            "season to the final race, the film is about speed, pride and a way of life that is changing as fast "
            "as its riders."
        ),
        film_type=F.DOCUMENTARY,
        genres=("sports", "nature"),
        runtime=82,
        year=2022,
        completion=C.COMPLETED,
        languages=("bo", "cmn"),
        subtitles=("en", "zh-hans", "fr"),
        countries=("CN",),
        credits=(
            D("次仁多吉", "Tsering Dorje"),
            ZHAO_LEI,
            DOP("次仁多吉", "Tsering Dorje"),
            WEI_LAN,
            M("洛桑", "Lobsang"),
        ),
        specs=DCP2K_FLAT,
        palette=("#ffb703", "#c25e00", "#023047"),
        art="sun",
        state=L.PUBLISHED,
        sales_agent=SECOND_LIGHT,
    ),
    DemoFilm(
        org=SECOND_LIGHT,
        title_original="拳馆",
        title_en="The Boxing Gym",
        logline_zh="退役拳手在广州城中村经营着一家快倒闭的拳馆——直到一个送外卖的少女走进来，说她要打拳。",
        logline_en=(
            "A retired boxer runs a failing gym in a Guangzhou urban village, until the teenage girl who delivers "
            "his lunch asks him to teach her to fight."
        ),
        synopsis_zh=(
            "陈刚在2009年输掉了唯一一场冠军赛，从此再没离开拳台。他在沙村的拳馆已经欠了三个月房租。这时，"
            "每天给他送午饭的十七岁外卖员阿美请他训练自己，去打全省业余锦标赛。他拒绝了四次。"
            "一部关于第二次机会的体育剧情片，在一座城中村拆除前几周拍摄完成。"
        ),
        synopsis_en=(
            "Chen Gang lost his only title fight in 2009 and never left the ring. His gym in Shacun village is "
            "three months behind on the rent when seventeen-year-old Ah Mei, who delivers his lunch every day, "
            "asks him to train her for the provincial amateur championship. He says no four times. A sports "
            "drama about second chances, shot in an urban village weeks before its demolition."
        ),
        film_type=F.FEATURE_FICTION,
        genres=("sports", "drama"),
        runtime=108,
        year=2024,
        completion=C.RELEASED,
        languages=("cmn", "yue"),
        subtitles=("en", "es"),
        countries=("CN",),
        credits=(
            D("岳川", "Yue Chuan"),
            W("岳川", "Yue Chuan"),
            ZHAO_LEI,
            A("石磊", "Shi Lei", "陈刚 Chen Gang"),
            A("金雪", "Jin Xue", "阿美 Ah Mei"),
            A("邓志伟", "Tang Chi-wai", "强哥 Brother Keung"),
            TANG_YIFAN,
            WEI_LAN,
            XU_NUO,
        ),
        specs=("DCP 4K", "2.39:1", "5.1"),
        palette=("#212529", "#9d0208", "#ffba08"),
        art="stripes",
        state=L.PUBLISHED,
        deals=(
            Deal("latin_america", "all", S.UNDER_NEGOTIATION, "Cine Sur Distribución"),
            Deal("CN", "all", S.SOLD, SHENGUANG, date(2024, 7, 1), date(2034, 6, 30)),
        ),
        release=date(2024, 8, 16),
        box_office=Decimal("102300000.00"),
        sales_agent=SECOND_LIGHT,
        screener=True,
    ),
    DemoFilm(
        org=SECOND_LIGHT,
        title_original="丝路驼铃",
        title_en="Camel Bells on the Silk Road",
        logline_zh="跟随河西走廊最后的驼队向导，从敦煌到武威，走完八百公里。",
        logline_en=(
            "With the last caravan guides of the Hexi Corridor on an 800-kilometre walk from Dunhuang to Wuwei."
        ),
        synopsis_zh=(
            "几百年来，驼队沿着河西走廊运送丝绸、茶叶和思想。如今，仍记得绿洲之间古道的人已屈指可数。"
            "七十岁的向导马守成和孙子用四十天时间，带领一支小驼队从敦煌走到武威，经过汉代烽燧、废弃的驿站"
            "和新建的光伏电站，走在两个中国之间。"
        ),
        synopsis_en=(
            "For centuries camel caravans carried silk, tea and ideas along the Hexi Corridor. Today only a "
            "handful of men still know the old routes between the oases. Over forty days, seventy-year-old guide "
            "Ma Shoucheng and his grandson lead a small caravan from Dunhuang to Wuwei, past Han-dynasty beacon "
            "towers, abandoned post stations and new solar farms: a journey between two Chinas."
        ),
        film_type=F.DOCUMENTARY,
        genres=("history", "nature"),
        runtime=90,
        year=2019,
        completion=C.COMPLETED,
        languages=("cmn",),
        subtitles=("en", "ar", "tr", "ru"),
        countries=("CN",),
        credits=(D("欧阳青", "Ouyang Qing"), ZHAO_LEI, DOP("欧阳青", "Ouyang Qing"), WEI_LAN, XU_NUO),
        specs=DCP2K_FLAT,
        palette=("#f6bd60", "#8c6a4f", "#f28482"),
        art="sun",
        state=L.PUBLISHED,
        deals=(
            Deal("CN", ("free_tv",), S.SOLD, "中视纪实 Zhongshi Documentary", date(2020, 1, 1), date(2025, 12, 31)),
        ),
        held_back=(),
        sales_agent=SECOND_LIGHT,
    ),
    DemoFilm(
        org=SECOND_LIGHT,
        title_original="黄河摆渡人",
        title_en="The Yellow River Boatman",
        logline_zh="黄河上最后一位羊皮筏子摆渡人，渡最后一位乘客过河：他要去上大学的孙女。",
        logline_en=(
            "The last sheepskin-raft ferryman on the Yellow River takes one final passenger across: his "
            "granddaughter, leaving for university."
        ),
        synopsis_zh=(
            "老王在兰州附近的黄河上用羊皮筏子渡人，渡了五十二年。一座大桥让他成了旅游景点。这部纪录短片陪着他和孙女"
            "小雨度过了她去北京上大学前的最后一个夏日星期，结束于两人一起的那次渡河。"
        ),
        synopsis_en=(
            "Old Wang has ferried people across the Yellow River near Lanzhou on a raft of inflated sheepskins "
            "for fifty-two years. A bridge has turned him into a tourist attraction. This short documentary spends "
            "the last week of summer with him and his granddaughter Xiaoyu before she leaves for university in "
            "Beijing, and ends on the crossing they make together."
        ),
        film_type=F.SHORT,
        genres=("social-issues",),
        runtime=28,
        year=2021,
        completion=C.COMPLETED,
        languages=("cmn",),
        subtitles=("en", "fr"),
        countries=("CN",),
        credits=(D("宋雨桐", "Song Yutong"), ZHAO_LEI, DOP("宋雨桐", "Song Yutong"), WEI_LAN),
        specs=("ProRes 422 HQ", "1.85:1", "Stereo"),
        palette=("#e9c46a", "#7a4f3a", "#264653"),
        art="waves",
        state=L.PUBLISHED,
        rights_media=("free_tv", "svod", "tvod", "avod", "non_theatrical"),
        held_back=(),
    ),
    DemoFilm(
        org=SECOND_LIGHT,
        title_original="父亲的拖拉机",
        title_en="My Father's Tractor",
        logline_zh="十二岁的妞妞偷偷开着父亲的老拖拉机去县城集市，要赶在讨债人之前把它卖掉。",
        logline_en=(
            "Twelve-year-old Niuniu secretly drives her father's old tractor to the county fair to sell it before "
            "the debt collectors take it."
        ),
        synopsis_zh=(
            "父亲在城里的工地受了伤，妞妞偷听到家里的拖拉机要被拉去抵债。天刚亮，她就发动了引擎。四十公里乡间土路、"
            "一次爆胎和一位有幽默感的警察之后，她明白了这台拖拉机真正值多少钱。一部在山西拍摄的喜剧短片。"
        ),
        synopsis_en=(
            "When her father is injured on a building site in the city, Niuniu overhears that the family tractor "
            "will be taken to pay his debts. At dawn she starts the engine. Forty kilometres of country road, one "
            "flat tyre and a policeman with a sense of humour later, she learns what the tractor is really worth. "
            "A short comedy-drama shot in Shanxi."
        ),
        film_type=F.SHORT,
        genres=("drama", "comedy", "children"),
        runtime=22,
        year=2022,
        completion=C.COMPLETED,
        languages=("cmn",),
        subtitles=("en", "fr", "de"),
        countries=("CN",),
        credits=(
            D("罗青阳", "Luo Qingyang"),
            W("罗青阳", "Luo Qingyang"),
            ZHAO_LEI,
            A("许安然", "Xu Anran", "妞妞 Niuniu"),
            A("郝建国", "Hao Jianguo", "老警察 The old policeman"),
            TANG_YIFAN,
            WEI_LAN,
            XU_NUO,
        ),
        specs=DCP2K_FLAT,
        palette=("#8ecae6", "#d96c06", "#023047"),
        art="stripes",
        state=L.PUBLISHED,
        held_back=(),
    ),
    DemoFilm(
        org=SECOND_LIGHT,
        title_original="雾港",
        title_en="Harbour in the Fog",
        logline_zh="粤剧花旦回澳门为母亲送葬，却揭开了当年供她唱戏成名的港口走私网。",
        logline_en=(
            "A Cantonese opera star returns to Macau to bury her mother and uncovers the harbour smuggling ring "
            "that paid for her career."
        ),
        synopsis_zh=(
            "叶咏琳十六岁离开澳门，去香港的戏台唱粤剧，从未回头。在母亲的葬礼上，一个陌生人交给她一本母亲亲笔记下的"
            "账簿：二十年的货运、人名和款项，其中包括她自己的学费。在大雾弥漫的一周里，她循着账簿穿过旧港的码头、"
            "赌场和庙宇。一部粤语新黑色电影。"
        ),
        synopsis_en=(
            "Yip Wing-lam left Macau at sixteen for the opera stages of Hong Kong and never looked back. At her "
            "mother's funeral a stranger hands her a ledger in her mother's hand: twenty years of shipments, "
            "names and payments, her own tuition among them. Over one foggy week she follows the ledger through "
            "the docks, casinos and temples of the old harbour. A Cantonese-language neo-noir."
        ),
        film_type=F.FEATURE_FICTION,
        genres=("crime", "mystery", "drama"),
        runtime=113,
        year=2025,
        completion=C.COMPLETED,
        languages=("yue", "cmn"),
        subtitles=("en", "zh-hans"),
        countries=("CN", "HK", "MO"),
        credits=(
            D("黎嘉欣", "Lai Ka-yan"),
            W("黎嘉欣", "Lai Ka-yan"),
            W("陈卓言", "Chan Cheuk-yin"),
            ZHAO_LEI,
            A("何颖诗", "Ho Wing-sze", "叶咏琳 Yip Wing-lam"),
            A("邓志伟", "Tang Chi-wai", "郭先生 Mr Kwok"),
            A("周文杰", "Chow Man-kit", "阿辉 Ah Fai"),
            TANG_YIFAN,
            WEI_LAN,
            XU_NUO,
        ),
        specs=DCP4K_SCOPE,
        palette=("#adb5bd", "#212529", "#d00000"),
        art="vertical",
        state=L.PENDING_REVIEW,
        sales_agent=SECOND_LIGHT,
        production_companies=(SECOND_LIGHT, DEMO_PICTURES),
    ),
    DemoFilm(
        org=SECOND_LIGHT,
        title_original="外卖骑士",
        title_en="Delivery Knights",
        logline_zh="十二集，五个成都外卖骑手合租一套房子，共用一个群聊，还有一套非常糟糕的算法。",
        logline_en=(
            "Twelve episodes with five food-delivery riders in Chengdu who share one rented flat, one group chat "
            "and one very bad algorithm."
        ),
        synopsis_zh=(
            "老吴当过厨师，小七是音乐学院的肄业生，阿凯在攒钱结婚，丹丹在躲家里人，牛哥根本搞不懂智能手机。"
            "平台上线的新算法开始让他们互相排名，五个室友决定联手钻空子。一部温暖而轻快的职场喜剧，"
            "讲述一座永远在吃的城市里的零工生活。共12集，每集30分钟。"
        ),
        synopsis_en=(
            "Lao Wu is a former chef, Xiaoqi dropped out of a music conservatory, Ah Kai is saving for a wedding, "
            "Dandan is hiding from her family and Brother Niu has no idea how smartphones work. When the "
            "platform's new algorithm starts ranking them against each other, the flatmates decide to game it "
            "together. A warm, fast workplace comedy about gig work in a city that never stops eating. "
            "12 × 30 minutes."
        ),
        film_type=F.SERIES,
        genres=("comedy", "social-issues"),
        runtime=360,
        year=2025,
        completion=C.COMPLETED,
        languages=("cmn",),
        subtitles=("en", "es", "pt"),
        countries=("CN",),
        credits=(
            D("方可", "Fang Ke"),
            W("方可", "Fang Ke"),
            W("吴侬", "Wu Nong"),
            ZHAO_LEI,
            A("孔令航", "Kong Linghang", "阿凯 Ah Kai"),
            A("宁可欣", "Ning Kexin", "丹丹 Dandan"),
            A("俞晓峰", "Yu Xiaofeng", "牛哥 Brother Niu"),
            A("冯晨", "Feng Chen", "老吴 Lao Wu"),
            TANG_YIFAN,
            WEI_LAN,
            XU_NUO,
        ),
        specs=("ProRes 422 HQ (UHD)", "16:9", "5.1"),
        palette=("#ffbe0b", "#fb5607", "#3a86ff"),
        art="blocks",
        state=L.PENDING_REVIEW,
        deals=(Deal("latin_america", ("svod",), S.UNDER_NEGOTIATION, "Pending Buyers"),),
        sales_agent=SECOND_LIGHT,
    ),
    DemoFilm(
        org=SECOND_LIGHT,
        title_original="天台上的乐队",
        title_en="Rooftop Band",
        logline_zh="高考前的最后一个学期，西安一所中学的四个学生在宿舍楼顶组了一支摇滚乐队。",
        logline_en=(
            "In the last term before the gaokao, four students at a Xi'an high school start a rock band on the "
            "roof of their dormitory."
        ),
        synopsis_zh=(
            "李默吉他弹得很烂，周舟拿课本当鼓打，两个新成员一个只会拉二胡，一个只会弹学校那台坏掉的电子琴。"
            "离高考还有一百天，离文艺汇演还有九十天，四个人每天夜里在三号楼楼顶排练——直到班主任发现了被他们撬开的"
            "那把锁。一部青春音乐电影，片中歌曲由年轻演员们创作。"
        ),
        synopsis_en=(
            "Li Mo plays the guitar badly, Zhou Zhou drums on textbooks, and the two new members can only play "
            "the erhu and the school's broken keyboard. With a hundred days to the gaokao and ninety to the "
            "school talent show, the four rehearse every night on the roof of Building 3 — until the head teacher "
            "finds the padlock they broke. A coming-of-age music film with songs written by its young cast."
        ),
        film_type=F.FEATURE_FICTION,
        genres=("youth", "music", "comedy"),
        runtime=103,
        year=2025,
        completion=C.COMPLETED,
        languages=("cmn",),
        subtitles=("en",),
        countries=("CN",),
        credits=(
            D("杜若溪", "Du Ruoxi"),
            W("杜若溪", "Du Ruoxi"),
            ZHAO_LEI,
            A("乔一", "Qiao Yi", "李默 Li Mo"),
            A("唐果", "Tang Guo", "周舟 Zhou Zhou"),
            TANG_YIFAN,
            WEI_LAN,
            XU_NUO,
        ),
        specs=DCP2K_FLAT,
        palette=("#ff8fab", "#5e60ce", "#fcf6bd"),
        art="rings",
        state=L.CHANGES_REQUESTED,
        omit=("logline_en", "credit:composer"),
        review_note=(
            "Please add the English logline (buyers see it first, on every catalogue card) and credit the "
            "composer: the synopsis says the songs are original."
        ),
    ),
    DemoFilm(
        org=SECOND_LIGHT,
        title_original="梧桐深处",
        title_en="Deep Among the Plane Trees",
        logline_zh="1992年的上海，一位电车售票员和一位小提琴老师，整个夏天的每个傍晚都在同一棵梧桐树下相遇。",
        logline_en=(
            "Shanghai, 1992: a tram conductor and a violin teacher meet under the same plane tree every evening "
            "for one summer."
        ),
        synopsis_zh=(
            "1992年夏天，上海的老城区即将改造。电车售票员阿芳每晚下班都会经过复兴路上的一棵梧桐树，树下总有一位"
            "小提琴老师在教邻居家的孩子拉琴。一个关于告别前的相遇、关于一座城市和一种说话方式的上海话爱情故事。"
        ),
        synopsis_en="A love story in 1990s Shanghai.",
        film_type=F.FEATURE_FICTION,
        genres=("romance", "drama"),
        runtime=117,
        year=2025,
        completion=C.COMPLETED,
        languages=("wuu", "cmn"),
        subtitles=("en", "fr"),
        countries=("CN",),
        credits=(
            D("陶然", "Tao Ran"),
            W("陶然", "Tao Ran"),
            W("吴侬", "Wu Nong"),
            ZHAO_LEI,
            A("宁可欣", "Ning Kexin", "阿芳 A-Fang"),
            A("沈一舟", "Shen Yizhou", "顾老师 Teacher Gu"),
            TANG_YIFAN,
            WEI_LAN,
            XU_NUO,
        ),
        specs=("DCP 4K", "1.66:1", "5.1"),
        palette=("#dde5b6", "#6c584c", "#a98467"),
        art="vertical",
        state=L.CHANGES_REQUESTED,
        omit=("subtitle_languages",),
        review_note=(
            "The English synopsis is a single line; buyers need the whole story in a paragraph or two. Please "
            "also list the subtitle languages of the festival print."
        ),
        sales_agent=SECOND_LIGHT,
    ),
    DemoFilm(
        org=SECOND_LIGHT,
        title_original="寻找白鹤",
        title_en="Searching for the White Crane",
        logline_zh="一位鹤类学家和一位退休渔民，追踪在鄱阳湖越冬的最后一群白鹤。",
        logline_en=("A crane biologist and a retired fisherman follow the Siberian cranes that winter on Poyang Lake."),
        synopsis_zh=(
            "每年冬天，全世界绝大多数白鹤都会飞到鄱阳湖越冬。随着湖水逐年变化，它们的栖息地正在缩小。"
            "鹤类学家苏念和当了一辈子渔民的护鸟员老桂，将用三个冬天记录这群白鹤的迁徙。项目处于开发阶段，"
            "正在寻找国际联合制作伙伴。"
        ),
        synopsis_en="",
        film_type=F.DOCUMENTARY,
        genres=("nature",),
        runtime=None,
        year=2026,
        completion=C.DEVELOPMENT,
        languages=("cmn",),
        subtitles=(),
        countries=("CN",),
        credits=(D("严之远", "Yan Zhiyuan"), ZHAO_LEI),
        specs=("", "", ""),
        palette=("#e9ecef", "#8d99ae", "#c1121f"),
        art="sun",
        state=L.DRAFT,
        deals=None,
    ),
    DemoFilm(
        org=SECOND_LIGHT,
        title_original="七月的西瓜",
        title_en="Watermelons in July",
        logline_zh="山东村里两个斗了一辈子的老头，被迫合用一辆卡车进城卖西瓜。",
        logline_en=(
            "Two grandfathers who have feuded all their lives are forced to share a truck to sell their "
            "watermelons in the city."
        ),
        synopsis_zh=(
            "老孙和老钱从1979年起就没说过话，起因是一块西瓜地和一场办砸了的婚礼。今年七月，村里唯一的卡车坏了，"
            "西瓜眼看着熟透，两家的孙辈想出了一个办法：一辆借来的皮卡、两个倔老头、四百个西瓜，和一条通往济南的路。"
            "一部适合暑期的合家欢喜剧。"
        ),
        synopsis_en=(
            "Old Sun and Old Qian have not spoken since 1979, when a watermelon patch and a wedding went wrong. "
            "This July the only truck in the village breaks down just as the harvest ripens, and their "
            "grandchildren have a plan: one borrowed pickup, two stubborn old men, four hundred watermelons and "
            "the road to Jinan. A family comedy for summer audiences."
        ),
        film_type=F.FEATURE_FICTION,
        genres=("comedy", "family"),
        runtime=93,
        year=2021,
        completion=C.RELEASED,
        languages=("cmn",),
        subtitles=("en", "vi", "th"),
        countries=("CN",),
        credits=(
            D("祁安", "Qi An"),
            W("祁安", "Qi An"),
            ZHAO_LEI,
            A("郝建国", "Hao Jianguo", "老孙 Old Sun"),
            A("俞晓峰", "Yu Xiaofeng", "老钱 Old Qian"),
            A("许安然", "Xu Anran", "孙甜甜 Sun Tiantian"),
            TANG_YIFAN,
            WEI_LAN,
            XU_NUO,
        ),
        specs=DCP2K_FLAT,
        palette=("#caffbf", "#2d6a4f", "#ef233c"),
        art="dots",
        state=L.PUBLISHED,
        deals=(
            Deal("VN", "all", S.SOLD, "Mekong Screens", date(2022, 1, 1), date(2026, 12, 31)),
            Deal("TH", "all", S.SOLD, "Mekong Screens", date(2022, 1, 1), date(2026, 12, 31)),
            Deal("CN", "all", S.SOLD, SHENGUANG, date(2021, 6, 1), date(2031, 5, 31)),
        ),
        release=date(2021, 7, 30),
        box_office=Decimal("18900000.00"),
        sales_agent=SECOND_LIGHT,
    ),
]

# Buyer shortlists: name → original titles (only published films are added).
SHORTLISTS = {
    "Berlin 2027 picks": ["经幡下的牧人", "长夜快递", "回声岛", "铁轨上的夏天", "第七个冬天"],
    "Animation for France": ["月亮工厂", "折纸鲸鱼", "熊猫邮差"],
}


# --- Rights ----------------------------------------------------------------------------


def rights_rows(spec: DemoFilm, *, buyers: dict[str, int] | None = None) -> list[dict]:
    """Rows for ``film_rights_replace``: available everywhere but what is held back or dealt. A
    deal whose holder is a demo buyer company (``buyers``: name → id) names it as the counterpart,
    so that company's members see the deal in full."""
    if spec.deals is None:
        return []
    media = list(RightsMedia.values) if spec.rights_media == "all" else list(spec.rights_media)
    groups: dict[tuple[str, ...], list[str]] = {}
    for medium in media:
        excluded = list(spec.held_back) + [d.territory for d in spec.deals if medium in d.media_list]
        if "worldwide" in excluded:
            continue
        groups.setdefault(tuple(dict.fromkeys(excluded)), []).append(medium)
    rows: list[dict] = [
        {"territory": "worldwide", "media": group_media, "status": S.AVAILABLE, "except": list(excluded)}
        for excluded, group_media in groups.items()
    ]
    rows += [
        {
            "territory": d.territory,
            "media": d.media_list,
            "status": d.status,
            "holder": d.holder,
            "holder_organization": (buyers or {}).get(d.holder),
            "term_start": d.start,
            "term_end": d.end,
            "except": list(d.except_),
        }
        for d in spec.deals
    ]
    return rows


# --- Posters and stills ----------------------------------------------------------------

POSTER_SIZE = (600, 900)
STILL_SIZE = (960, 540)
_NOTO = "/usr/share/fonts/opentype/noto"
# (path, face index): index 2 of Noto's CJK collections is Simplified Chinese.
TITLE_FONTS = [
    (f"{_NOTO}/NotoSerifCJK-Bold.ttc", 2),
    (f"{_NOTO}/NotoSansCJK-Bold.ttc", 2),
    (f"{_NOTO}/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
]
TEXT_FONTS = [
    (f"{_NOTO}/NotoSansCJK-Bold.ttc", 2),
    (f"{_NOTO}/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
]
TEXT_LIGHT_FONTS = [
    (f"{_NOTO}/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
]

RGB = tuple[int, int, int]


@functools.lru_cache(maxsize=256)
def _load_font(candidates: tuple[tuple[str, int], ...], size: int):
    """The first installed candidate at ``size`` and whether it draws Chinese; else Pillow's default."""
    for path, index in candidates:
        if Path(path).exists():
            try:
                return ImageFont.truetype(path, size, index=index), True
            except OSError:
                continue
    try:
        return ImageFont.load_default(size=size), False
    except (TypeError, OSError, ImportError):  # an old Pillow, or one built without FreeType
        return ImageFont.load_default(), False


def _font(kind: str, size: int):
    candidates = {"title": TITLE_FONTS, "text": TEXT_FONTS, "light": TEXT_LIGHT_FONTS}[kind]
    return _load_font(tuple(candidates), max(8, int(size)))


def _rgb(value: str) -> RGB:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def _gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _art_sun(d, w, h, top, bottom, accent, rng):
    cx, cy, r = w * (0.5 + rng.uniform(-0.14, 0.14)), h * 0.42, min(w, h) * 0.2
    for i in range(7, 0, -1):
        rr = r * (1 + i * 0.11)
        d.ellipse([cx - rr, cy - rr, cx + rr, cy + rr], fill=(*accent, 14 + (7 - i) * 10))
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(*accent, 240))
    for k, (base, shade) in enumerate(((0.56, 0.15), (0.64, 0.32), (0.74, 0.5))):
        points = [(0, h)]
        x, y = 0.0, h * base
        while x < w:
            points.append((x, y))
            x += w / rng.randint(4, 8)
            y = h * base + rng.uniform(-1, 1) * h * (0.06 - k * 0.012)
        points += [(w, y), (w, h)]
        d.polygon(points, fill=(*_mix(bottom, (10, 10, 20), shade), 255))


def _art_waves(d, w, h, top, bottom, accent, rng):
    bands = 8
    for i in range(bands):
        y0 = h * (0.40 + i * 0.065)
        amp = h * (0.012 + 0.006 * i)
        freq = rng.uniform(1.0, 2.2)
        phase = rng.uniform(0, math.tau)
        points = [(x, y0 + amp * math.sin(math.tau * freq * x / w + phase)) for x in range(0, w + 12, 12)]
        colour = _mix(accent, _mix(bottom, (0, 0, 0), 0.35), i / bands)
        d.polygon([*points, (w, h), (0, h)], fill=(*colour, 120 + i * 15))
    cx = w * rng.uniform(0.2, 0.8)
    d.ellipse([cx - 26, h * 0.3 - 26, cx + 26, h * 0.3 + 26], fill=(*accent, 200))


def _art_stripes(d, w, h, top, bottom, accent, rng):
    light = _mix(top, (255, 255, 255), 0.5)
    x = -h * 0.7
    while x < w + 40:
        width = w * rng.uniform(0.02, 0.09)
        colour = accent if rng.random() < 0.6 else light
        alpha = rng.choice((35, 60, 90, 140, 200))
        d.polygon([(x + h * 0.7, 0), (x + h * 0.7 + width, 0), (x + width, h), (x, h)], fill=(*colour, alpha))
        x += width + w * rng.uniform(0.03, 0.14)


def _art_rings(d, w, h, top, bottom, accent, rng):
    cx, cy = w * rng.uniform(0.3, 0.75), h * rng.uniform(0.32, 0.45)
    light = _mix(top, (255, 255, 255), 0.6)
    for i, radius in enumerate(range(36, int(max(w, h) * 0.9), 16)):
        colour = accent if i % 3 == 0 else light
        alpha = max(20, 200 - i * 6)
        d.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], outline=(*colour, alpha), width=3)
    d.ellipse([cx - 28, cy - 28, cx + 28, cy + 28], fill=(*accent, 255))


def _art_blocks(d, w, h, top, bottom, accent, rng):
    colours = [accent, _mix(top, (255, 255, 255), 0.35), _mix(bottom, (0, 0, 0), 0.2), _mix(accent, top, 0.5)]
    line = _mix(bottom, (0, 0, 0), 0.7)
    boxes = [(w * 0.07, h * 0.22, w * 0.93, h * 0.66)]
    for _i in range(6):
        boxes.sort(key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
        x0, y0, x1, y1 = boxes.pop()
        if (x1 - x0) > (y1 - y0):
            cut = x0 + (x1 - x0) * rng.uniform(0.3, 0.7)
            boxes += [(x0, y0, cut, y1), (cut, y0, x1, y1)]
        else:
            cut = y0 + (y1 - y0) * rng.uniform(0.3, 0.7)
            boxes += [(x0, y0, x1, cut), (x0, cut, x1, y1)]
    for box in boxes:
        d.rectangle(box, fill=(*rng.choice(colours), rng.choice((170, 210, 250))), outline=(*line, 255), width=5)


def _art_vertical(d, w, h, top, bottom, accent, rng):
    x0, x1 = w * 0.64, w * 0.88
    d.rectangle([x0, 0, x1, h * 0.66], fill=(*accent, 215))
    light = _mix(top, (255, 255, 255), 0.6)
    for i in range(5):
        y = h * (0.18 + i * 0.1) + rng.uniform(-8, 8)
        d.line([(w * 0.08, y), (x0 - 16, y)], fill=(*light, 70 + i * 20), width=2)
    cy = h * rng.uniform(0.3, 0.5)
    d.ellipse([w * 0.14, cy - 70, w * 0.14 + 140, cy + 70], outline=(*light, 160), width=3)


def _art_dots(d, w, h, top, bottom, accent, rng):
    cx, cy = w * rng.uniform(0.3, 0.7), h * rng.uniform(0.35, 0.5)
    step = 26
    for gy in range(int(h * 0.18), int(h * 0.78), step):
        for gx in range(step // 2, w, step):
            dist = math.hypot(gx - cx, gy - cy) / max(w, h)
            radius = max(0.0, 11 * (1 - dist * 1.8))
            if radius > 1:
                d.ellipse([gx - radius, gy - radius, gx + radius, gy + radius], fill=(*accent, 220))


ARTS = {
    "sun": _art_sun,
    "waves": _art_waves,
    "stripes": _art_stripes,
    "rings": _art_rings,
    "blocks": _art_blocks,
    "vertical": _art_vertical,
    "dots": _art_dots,
}


def _canvas(spec: DemoFilm, size: tuple[int, int], seed: str) -> Image.Image:
    top, bottom, accent = (_rgb(c) for c in spec.palette)
    image = _gradient(size, top, bottom).convert("RGBA")
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    rng = random.Random(seed)  # noqa: S311 (poster composition, not security)
    ARTS[spec.art](ImageDraw.Draw(layer), size[0], size[1], top, bottom, accent, rng)
    image.alpha_composite(layer)
    return image


def _is_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\u3040" <= ch <= "\u30ff" for ch in text)


def _tracked_width(text: str, font, tracking: float) -> float:
    return sum(font.getlength(ch) for ch in text) + tracking * max(0, len(text) - 1)


def _ink(image: Image.Image, box: tuple[float, float, float, float]) -> tuple[RGB, RGB]:
    """Text and shadow colours that read on this part of the image."""
    x0, y0, x1, y1 = (max(0, int(v)) for v in box)
    region = image.crop((x0, y0, max(x0 + 1, min(image.width, x1)), max(y0 + 1, min(image.height, y1))))
    light = ImageStat.Stat(region.convert("L")).mean[0]
    return ((22, 22, 28), (255, 255, 255)) if light > 150 else ((250, 248, 242), (0, 0, 0))


def _draw_line(image, draw, text, font, y, tracking=0.0, x_center=None, fill=None):
    """Draw one centred, letter-spaced line; return its height."""
    width = _tracked_width(text, font, tracking)
    x = (x_center if x_center is not None else image.width / 2) - width / 2
    _l, t, _r, b = font.getbbox(text)
    colour, shadow = _ink(image, (x, y + t, x + width, y + b))
    colour = fill or colour
    for ch in text:
        draw.text((x + 2, y + 2), ch, font=font, fill=(*shadow, 110))
        draw.text((x, y), ch, font=font, fill=(*colour, 255))
        x += font.getlength(ch) + tracking
    return b


def _fit(kind: str, text: str, max_width: float, largest: int, smallest: int, tracking_em: float = 0.0):
    """The largest font (not above ``largest``, not below ``smallest``) that sets ``text`` within ``max_width``."""
    font, cjk = _font(kind, largest)
    width = _tracked_width(text, font, largest * tracking_em)
    size = largest
    # Text width grows with the size; one estimate, then step down the little rounding leaves over.
    if width > max_width:
        size = max(smallest, int(largest * max_width / width))
        font, cjk = _font(kind, size)
        while size > smallest and _tracked_width(text, font, size * tracking_em) > max_width:
            size -= 1
            font, cjk = _font(kind, size)
    return font, cjk, size


def _english_lines(text: str, max_width: float) -> tuple[list[str], object, int]:
    """The English title in capitals on one to three lines, as large as fits (one line if it reads well)."""
    words = text.upper().split() or [text.upper()]
    best: tuple[list[str], object, int] | None = None
    for count in range(1, min(3, len(words)) + 1):
        per = math.ceil(len(words) / count)
        lines = [" ".join(words[i : i + per]) for i in range(0, len(words), per)]
        widest = max(lines, key=lambda line: _tracked_width(line, _font("text", 40)[0], 40 * 0.12))
        font, _cjk, size = _fit("text", widest, max_width, 46 if count == 1 else 40, 18, 0.12)
        if best is None or size > best[2]:
            best = (lines, font, size)
        if size >= 32:
            break
    return best


def _director(spec: DemoFilm) -> tuple[str, str]:
    for role, name, latin, _character in spec.credits:
        if role == CreditRole.DIRECTOR:
            return name, latin
    return "", ""


def _status_line(spec: DemoFilm) -> str:
    kind = "" if spec.film_type == F.FEATURE_FICTION else f"{FilmType(spec.film_type).label.upper()}  ·  "
    when = {
        C.DEVELOPMENT: "IN DEVELOPMENT",
        C.PRODUCTION: "IN PRODUCTION",
        C.POST_PRODUCTION: f"COMING {spec.year}",
    }.get(spec.completion, str(spec.year))
    return kind + when


def poster_image(spec: DemoFilm) -> bytes:
    """A 600×900 JPEG poster: the film's colours and composition, its titles and director."""
    w, h = POSTER_SIZE
    image = _canvas(spec, POSTER_SIZE, spec.title_original)
    # A soft scrim at the foot keeps the credits legible over any composition.
    scrim = Image.new("RGBA", POSTER_SIZE, (0, 0, 0, 0))
    fade = Image.linear_gradient("L").resize((w, int(h * 0.34))).point(lambda v: int(v * 0.8))
    dark = _mix(_rgb(spec.palette[1]), (0, 0, 0), 0.55)
    scrim.paste(Image.new("RGBA", (w, fade.height), (*dark, 255)), (0, h - fade.height), fade)
    image.alpha_composite(scrim)
    layer = Image.new("RGBA", POSTER_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)

    _title_font, cjk_ok = _font("title", 20)
    if cjk_ok:
        if spec.art == "vertical":
            chars = list(spec.title_original)
            size = int(min(w * 0.24 * 0.72, h * 0.56 / (max(1, len(chars)) * 1.08)))
            font, _ok = _font("title", size)
            y = h * 0.05
            for ch in chars:
                _draw_line(image, draw, ch, font, y, x_center=w * 0.76)
                y += size * 1.08
        else:
            font, _ok, _size = _fit("title", spec.title_original, w * 0.8, 108, 40, 0.08)
            _draw_line(image, draw, spec.title_original, font, h * 0.06, tracking=font.size * 0.08)

    lines, font, size = _english_lines(spec.title_en or spec.title_original, w * 0.86)
    y = h * 0.745 - (len(lines) - 1) * size * 0.6
    for line in lines:
        y += _draw_line(image, draw, line, font, y, tracking=size * 0.12) + size * 0.22
    accent = _rgb(spec.palette[2])
    draw.line([(w * 0.42, y + 10), (w * 0.58, y + 10)], fill=(*accent, 255), width=3)

    name, latin = _director(spec)
    credit_font, credit_cjk = _font("light", 18)
    credit = f"A FILM BY {latin.upper()}" if latin else ""
    if name and credit_cjk and _is_cjk(name):
        credit = f"{name} 作品   ·   {credit}" if credit else f"{name} 作品"
    if credit:
        _draw_line(image, draw, credit, credit_font, y + 26, tracking=1.5, fill=(235, 235, 235))
    small_font, _ok = _font("text", 14)
    _draw_line(image, draw, _status_line(spec), small_font, h - 42, tracking=3, fill=(215, 215, 215))
    image.alpha_composite(layer)
    return _jpeg(image)


def still_image(spec: DemoFilm, index: int) -> bytes:
    """A 960×540 JPEG "still": the film's composition with a letterbox, no text."""
    image = _canvas(spec, STILL_SIZE, f"{spec.title_original}/still/{index}")
    draw = ImageDraw.Draw(image)
    bar = int(STILL_SIZE[1] * 0.1)
    draw.rectangle([0, 0, STILL_SIZE[0], bar], fill=(0, 0, 0, 255))
    draw.rectangle([0, STILL_SIZE[1] - bar, STILL_SIZE[0], STILL_SIZE[1]], fill=(0, 0, 0, 255))
    return _jpeg(image)


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=86, optimize=True)
    return out.getvalue()


# --- Building --------------------------------------------------------------------------


@dataclasses.dataclass
class DemoSummary:
    created: int = 0
    existing: int = 0
    images: int = 0
    rights_cells: int = 0
    shortlists: int = 0
    screener_requests: int = 0
    imports: int = 0
    states: dict[str, int] = dataclasses.field(default_factory=dict)


def film_data(spec: DemoFilm, *, sales_agents: dict[str, Organization]) -> dict:
    """The record as ``film_create`` takes it, without what ``spec.omit`` leaves out."""
    picture_format, aspect_ratio, sound = spec.specs
    data = {
        "title_original": spec.title_original,
        "title_en": spec.title_en,
        "logline_en": spec.logline_en,
        "logline_zh": spec.logline_zh,
        "synopsis_en": spec.synopsis_en,
        "synopsis_zh": spec.synopsis_zh,
        "film_type": spec.film_type,
        "runtime_minutes": spec.runtime,
        "production_year": spec.year,
        "completion_status": spec.completion,
        "trailer_url": f"https://example.org/trailers/{spec.slug}",
        "screener_url": f"https://example.org/screeners/{spec.slug}" if spec.screener else "",
        "picture_format": picture_format,
        "aspect_ratio": aspect_ratio,
        "sound": sound,
        "domestic_release_date": spec.release,
        "box_office_amount": spec.box_office,
        "box_office_currency": "CNY" if spec.box_office is not None else "",
        "sales_contact_email": SALES_EMAIL[spec.org],
        "genres": list(spec.genres),
        "original_languages": list(spec.languages),
        "subtitle_languages": list(spec.subtitles),
        "countries": list(spec.countries),
        "credits": [
            {"role": role, "name": name, "name_latin": latin, "character": character}
            for role, name, latin, character in spec.credits
            if f"credit:{role}" not in spec.omit
        ],
        "sales_agent": sales_agents[spec.sales_agent].pk if spec.sales_agent else None,
        "production_companies": [sales_agents[name].pk for name in spec.production_companies],
    }
    for key in spec.omit:
        data.pop(key, None)
    return data


def _omitted(spec: DemoFilm, *, sales_agents: dict[str, Organization]) -> dict:
    """What the producer adds when the review asks for it."""
    full = film_data(dataclasses.replace(spec, omit=()), sales_agents=sales_agents)
    keys = {k for k in spec.omit if not k.startswith("credit:")}
    if any(k.startswith("credit:") for k in spec.omit):
        keys.add("credits")
    return {k: full[k] for k in keys}


def _walk(film: Film, spec: DemoFilm, *, producer, admin, sales_agents) -> None:
    """Take the listing to ``spec.state`` through the real workflow."""

    def move(to: str, actor, note: str = "") -> None:
        services.film_transition(film=film, to=to, actor=actor, note=note)

    if spec.state == L.DRAFT:
        return
    move(L.PENDING_REVIEW, producer)
    if spec.revised:
        move(L.CHANGES_REQUESTED, admin, spec.review_note)
        services.film_update(film=film, actor=producer, data=_omitted(spec, sales_agents=sales_agents))
        move(L.PENDING_REVIEW, producer, spec.producer_note)
    if spec.state == L.PENDING_REVIEW:
        return
    if spec.state == L.CHANGES_REQUESTED:
        move(L.CHANGES_REQUESTED, admin, spec.review_note)
        return
    move(L.PUBLISHED, admin)
    if spec.state == L.WITHDRAWN:
        move(L.WITHDRAWN, producer, spec.producer_note)
    elif spec.proposed:
        services.film_update(film=film, actor=producer, data=dict(spec.proposed))


def demo_film_build(spec: DemoFilm, *, producer, admin, organization, sales_agents) -> tuple[Film, int, int]:
    """Register one demo film with its media and rights and walk it to its state.

    Returns the film, the number of images stored and of rights cells.
    """
    film = services.film_create(
        organization=organization, actor=producer, data=film_data(spec, sales_agents=sales_agents)
    )
    poster = ContentFile(poster_image(spec), name=f"{spec.slug}-poster.jpg")
    services.film_image_add(
        film=film, actor=producer, upload=poster, kind=ImageKind.POSTER, caption=f"{spec.title_en} — poster"
    )
    for index, caption in enumerate(spec.stills, start=1):
        still = ContentFile(still_image(spec, index), name=f"{spec.slug}-still-{index}.jpg")
        services.film_image_add(film=film, actor=producer, upload=still, kind=ImageKind.STILL, caption=caption)
    cells = 0
    buyers = dict(Organization.objects.filter(kind=OrganizationKind.BUYER_COMPANY).values_list("name", "pk"))
    rows = rights_rows(spec, buyers=buyers)
    if rows:
        cells = services.film_rights_replace(film=film, actor=producer, rows=rows)
    _walk(film, spec, producer=producer, admin=admin, sales_agents=sales_agents)
    return film, 1 + len(spec.stills), cells


# A slate the sales agent tried to import: two rows are fine, the third has a year and a genre
# the portal cannot read, so the job fails (all rows or none) and its page lists what to fix.
IMPORT_ATTEMPT = (
    "title_original,title_en,film_type,production_year,runtime_minutes,genres,director\n"
    "山雾,Mountain Mist,feature_fiction,2026,104,drama;family,王磊|Wang Lei\n"
    "纸飞机,Paper Planes,documentary,2025,86,family,陈静|Chen Jing\n"
    "夜航船,Night Boat,feature_fiction,20x6,98,noir-musical,周野|Zhou Ye\n"
)


def demo_import_build(*, organization: Organization, producer) -> int:
    """The producer's failed import (run at once, so its page shows the row errors); nothing
    when the producer has imported before. Returns how many imports were made."""
    if job_list_recent_of(user=producer, kind=services.IMPORT_JOB, limit=1):
        return 0
    upload = ContentFile(IMPORT_ATTEMPT.encode(), name="slate-2027.csv")
    job = services.film_import_start(organization=organization, actor=producer, upload=upload)
    job_run(job_id=job.pk)
    return 1


def demo_catalogue_build(*, producers: dict[str, tuple[Organization, object]], admin, buyer=None) -> DemoSummary:
    """Create the demo films (those not there yet) and the buyer's shortlists.

    ``producers`` maps each producer company's name (``DEMO_PICTURES``, ``SECOND_LIGHT``) to
    its organization and the member who registers its films; ``admin`` is the agency admin
    who reviews them; ``buyer`` a verified buyer whose shortlists are made (none if None).
    """
    summary = DemoSummary()
    sales_agents = {name: org for name, (org, _user) in producers.items()}
    existing = {
        (org_id, title)
        for org_id, title in Film.objects.filter(organization__in=list(sales_agents.values())).values_list(
            "organization_id", "title_original"
        )
    }
    for spec in FILMS:
        organization, producer = producers[spec.org]
        if (organization.pk, spec.title_original) in existing:
            summary.existing += 1
            continue
        _film, images, cells = demo_film_build(
            spec, producer=producer, admin=admin, organization=organization, sales_agents=sales_agents
        )
        summary.created += 1
        summary.images += images
        summary.rights_cells += cells
    if buyer is not None:
        summary.shortlists = _shortlists_build(buyer, organizations=list(sales_agents.values()))
        summary.screener_requests = _screener_requests_build(buyer, producers=producers)
    organization, producer = producers[SECOND_LIGHT]
    summary.imports = demo_import_build(organization=organization, producer=producer)
    films = Film.objects.filter(
        organization__in=list(sales_agents.values()), title_original__in=[s.title_original for s in FILMS]
    )
    for status in films.values_list("listing_status", flat=True):
        summary.states[status] = summary.states.get(status, 0) + 1
    return summary


def _shortlists_build(buyer, *, organizations: list[Organization]) -> int:
    """Make the buyer's demo shortlists that do not exist yet; returns how many were made."""
    if not buyer.has_perm("films.add_shortlist"):
        return 0
    made = 0
    for name, titles in SHORTLISTS.items():
        if Shortlist.objects.filter(owner=buyer, name__iexact=name).exists():
            continue
        shortlist = services.shortlist_create(owner=buyer, name=name)
        made += 1
        published = Film.objects.filter(
            organization__in=organizations, title_original__in=titles, listing_status=L.PUBLISHED
        )
        by_title = {film.title_original: film for film in published}
        for title in titles:
            if title in by_title:
                services.shortlist_add_film(shortlist=shortlist, actor=buyer, film=by_title[title])
    return made


# The buyer's screener requests, one in each state: (film's original title, message, the
# producer's answer or None, the state it ends in).
SCREENER_REQUESTS = (
    (
        "铁轨上的夏天",
        "We are building our spring 2027 slate for France and Belgium. 我们正在筹备2027年春季片单。",
        None,
        "requested",
    ),
    (
        "盐湖来信",
        "For our arthouse circuit in France; theatrical and SVOD.",
        "https://screeners.demo.test/salt-lake — password: lake2027 (valid 14 days). 链接14天内有效。",
        "sent",
    ),
    (
        "月亮工厂",
        "Interested for French-speaking territories.",
        "French-speaking rights are under offer at the moment; we will write again in March. 目前法语区版权正在洽谈。",
        "declined",
    ),
    ("经幡下的牧人", "For our late-night slot.", None, "withdrawn"),
)


def _screener_requests_build(buyer, *, producers: dict[str, tuple[Organization, object]]) -> int:
    """Make the buyer's demo screener requests (one in each state) through the services, if the
    buyer's company has none yet; returns how many were made."""
    if not buyer.has_perm("films.add_screenerrequest"):
        return 0
    if ScreenerRequest.objects.filter(requested_by=buyer).exists():
        return 0
    answering = {org.pk: user for org, user in producers.values()}
    published = {
        film.title_original: film
        for film in Film.objects.filter(
            organization_id__in=list(answering),
            title_original__in=[title for title, *_rest in SCREENER_REQUESTS],
            listing_status=L.PUBLISHED,
        ).select_related("organization")
    }
    made = 0
    for title, message, answer, state in SCREENER_REQUESTS:
        film = published.get(title)
        if film is None:
            continue
        request = services.screener_request_create(actor=buyer, film=film, message=message)
        made += 1
        if state == "withdrawn":
            services.screener_request_transition(request=request, to=state, actor=buyer)
        elif state != "requested":
            producer = answering[film.organization_id]
            services.screener_request_transition(request=request, to=state, actor=producer, note=answer)
    return made
