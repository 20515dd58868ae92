#!/usr/bin/env python3
"""Writes bulk-*.txt: template-built government notices for the false-positive corpus.

Deterministic (fixed seed). The hand-written files carry the vocabulary; this part adds volume
and, above all, many personal names, unit names, place names and numbers — the text in which a
sensitive-word or severe-expression lexicon most often fires by accident (a given name that
happens to spell a listed word, 日逼近 inside 汛期日逼近, 9评 inside 2019评选 …).
Run: python3 tests/data/gov-corpus/generate_bulk.py   (rewrites the bulk files next to it)
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(20230701)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤海虎拓禹锁者冶杨"
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红梅玉兰志文斌辉鹏飞燕晓东海波宁"
         "欣悦宇轩浩然子涵梓萱思远嘉怡博文雨彤晨阳佳琪俊杰春花秋菊冬梅德福成龙凤霞金宝银花"
         "学军卫东向阳新民国庆建华振华永红自强彦斌小平少华雪莲慧敏巧玲")
UNITS = ["市发展改革委", "市教育体育局", "市科技局", "市工业和信息化局", "市民政局", "市司法局", "市财政局",
         "市人力资源社会保障局", "市自然资源局", "市生态环境局", "市住房城乡建设局", "市交通运输局", "市水务局",
         "市农业农村局", "市商务和投资促进局", "市文化旅游广电局", "市卫生健康委", "市退役军人事务局",
         "市应急管理局", "市审计局", "市市场监督管理局", "市统计局", "市医疗保障局", "市林业和草原局",
         "市乡村振兴局", "市信访局", "市审批服务管理局", "市机关事务管理局", "市地震局", "市气象局"]
PLACES = ["原州区", "西吉县", "隆德县", "泾源县", "彭阳县"]
TOWNS = ["三营镇", "开城镇", "官厅镇", "头营镇", "张易镇", "彭堡镇", "中河乡", "河川乡", "炭山乡", "寨科乡",
         "吉强镇", "兴隆镇", "平峰镇", "新营乡", "红耀乡", "田坪乡", "马建乡", "震湖乡", "兴平乡", "西滩乡",
         "城关镇", "沙塘镇", "联财镇", "陈靳乡", "好水乡", "观庄乡", "杨河乡", "神林乡", "凤岭乡", "山河镇",
         "香水镇", "泾河源镇", "六盘山镇", "新民乡", "兴盛乡", "黄花乡", "白阳镇", "王洼镇", "古城镇",
         "红河镇", "新集乡", "城阳乡", "冯庄乡", "小岔乡", "孟塬乡", "罗洼乡", "交岔乡", "草庙乡"]
POSTS = ["办公室主任", "副局长", "局长", "党组成员", "一级主任科员", "二级主任科员", "四级调研员", "科长",
         "副主任", "主任", "总工程师", "总经济师", "副县长", "乡长", "镇长", "党委书记", "副书记", "纪委书记"]
MAJORS = ["汉语言文学", "计算机科学与技术", "会计学", "法学", "临床医学", "护理学", "土木工程", "农学",
          "动物医学", "水利水电工程", "环境工程", "学前教育", "小学教育", "新闻学", "财务管理", "统计学"]
ROADS = ["文化路", "政府街", "中山街", "西城路", "东环路", "六盘山路", "清河路", "北京路", "南关路", "新区路"]


def name():
    return R.choice(SURNAMES) + "".join(R.choice(GIVEN) for _ in range(R.choice((1, 2, 2))))


def date(year=2023):
    return f"{year}年{R.randint(1, 12)}月{R.randint(1, 28)}日"


def appointment_notice(n):
    lines = [f"固原市人民政府关于{name()}等同志职务任免的通知", "",
             f"固政干发〔2023〕{n}号", "", "各县（区）人民政府，市政府各部门、直属机构：", "",
             f"经{date()}市人民政府第{R.randint(10, 60)}次常务会议研究决定：", ""]
    for _ in range(R.randint(6, 14)):
        who, unit, post = name(), R.choice(UNITS), R.choice(POSTS)
        if R.random() < 0.5:
            lines.append(f"任命{who}为{unit}{post}；")
        else:
            lines.append(f"免去{who}的{unit}{post}职务，{R.choice(['另有任用', '退休', '试用期满考核合格', '到龄退出领导岗位'])}。")
    lines += ["", "固原市人民政府", date(), ""]
    return "\n".join(lines)


def pre_appointment_notice(n):
    lines = [f"市管干部任职前公示（第{n}批）", "",
             "根据《党政领导干部选拔任用工作条例》和有关规定，经市委研究，拟对下列同志进行任职前公示：", ""]
    for i in range(R.randint(5, 12)):
        age = R.randint(32, 54)
        lines.append(
            f"{i + 1}. {name()}，{R.choice(['男', '女'])}，{R.choice(['汉族', '回族'])}，{2023 - age}年{R.randint(1, 12)}月生，"
            f"{R.choice(['大学', '研究生', '在职大学', '在职研究生'])}学历，{R.choice(['法学学士', '工学硕士', '管理学学士', '经济学学士', '农学硕士'])}，"
            f"{2023 - age + R.randint(21, 26)}年{R.randint(1, 12)}月加入中国共产党，"
            f"{2023 - age + R.randint(19, 24)}年{R.randint(1, 12)}月参加工作，现任{R.choice(PLACES)}{R.choice(TOWNS)}{R.choice(['党委书记', '镇长', '乡长', '党委副书记'])}，"
            f"拟任{R.choice(UNITS)}{R.choice(['副局长', '副主任', '党组成员、副局长'])}。")
    lines += ["", f"公示时间：{date()}至{date()}（5个工作日）。",
              "公示期间，干部群众可通过来电、来信、来访等方式，向市委组织部反映公示对象在德、能、勤、绩、廉等方面的情况和问题。"
              "反映问题要实事求是，客观公正，以个人名义反映的提倡署真实姓名。",
              f"受理电话：0954-{R.randint(2000000, 2099999)}（传真同），12380举报网站：www.gy12380.gov.cn", ""]
    return "\n".join(lines)


def hiring_result(n):
    unit = R.choice(UNITS)
    lines = [f"{unit}所属事业单位2023年公开招聘工作人员拟聘用人员公示", "",
             f"根据《固原市2023年事业单位公开招聘工作人员公告》，经笔试、资格复审、面试、体检和考察，现将{unit}所属事业单位拟聘用人员名单予以公示：", "",
             "序号\t姓名\t性别\t报考岗位\t所学专业\t笔试成绩\t面试成绩\t总成绩"]
    for i in range(R.randint(8, 20)):
        w, m = R.uniform(80, 125), R.uniform(70, 90)
        lines.append(f"{i + 1}\t{name()}\t{R.choice(['男', '女'])}\t{R.choice(['综合管理', '专业技术', '财务会计', '信息技术', '医疗卫生'])}岗{R.randint(1, 9)}\t"
                     f"{R.choice(MAJORS)}\t{w:.1f}\t{m:.2f}\t{w / 1.5 * 0.5 + m * 0.5:.2f}")
    lines += ["", f"公示期为{date()}至{date()}。公示期间，如对拟聘用人员有异议，可实名向市人力资源和社会保障局反映。",
              f"联系电话：0954-{R.randint(2000000, 2099999)}", ""]
    return "\n".join(lines)


def discipline_report(n):
    lines = [f"{R.choice(PLACES)}纪委监委通报{R.randint(3, 6)}起群众身边腐败和作风问题典型案例", ""]
    cases = [
        "{who}，{place}{town}{village}村党支部书记。{who}在担任村党支部书记期间，利用职务便利，虚报冒领农村危房改造补助资金{money}元，用于个人开支。{who}受到开除党籍处分，违纪违法所得予以收缴，涉嫌犯罪问题移送检察机关依法审查起诉。",
        "{who}，{place}{town}财政所原所长。{who}挪用村级集体资金{money}元用于个人投资理财。{who}受到撤销党内职务、政务撤职处分，违纪资金已全部追回。",
        "{who}，{place}{unit}干部。{who}在办理低保审核工作中优亲厚友，违规为不符合条件的亲属办理低保，造成低保资金损失{money}元。{who}受到党内警告处分，违规资金已追回。",
        "{who}，{place}{town}{village}村委会主任。{who}在落实耕地地力保护补贴工作中，违规收取群众“好处费”{money}元。{who}受到党内严重警告处分。",
        "{who}，{place}{unit}工作人员。{who}工作中推诿扯皮、敷衍塞责，群众多次到窗口办理业务被要求反复提交材料，造成不良影响。{who}受到诫勉处理。",
        "{who}，{place}{town}党委委员、副镇长。{who}违规接受管理服务对象宴请，收受礼金{money}元。{who}受到党内警告处分，违纪所得予以收缴。",
    ]
    for i in range(R.randint(3, 6)):
        c = R.choice(cases).format(who=name(), place=R.choice(PLACES), town=R.choice(TOWNS),
                                   village=R.choice(["杨庄", "马莲", "红崖", "高台", "李家河", "王湾", "苏堡", "大湾", "石岔", "龙潭"]),
                                   unit=R.choice(UNITS).replace("市", "县", 1), money=R.randint(3000, 380000))
        lines.append(f"{'一二三四五六'[i]}、{c}")
    lines += ["", "上述案例警示广大党员干部，要严守纪律规矩，坚决纠治群众身边的不正之风和腐败问题，"
              "以实际行动维护群众切身利益。各级党组织要压紧压实管党治党政治责任，对侵害群众利益的问题发现一起、查处一起。", ""]
    return "\n".join(lines)


def news_item(n):
    place, town = R.choice(PLACES), R.choice(TOWNS)
    bank = [
        f"{date()}，{place}召开{R.choice(['乡村振兴', '安全生产', '生态环境保护', '招商引资', '民生实事', '营商环境', '项目建设', '森林草原防火'])}工作推进会，总结前一阶段工作，安排部署下一阶段重点任务。",
        f"会议指出，今年以来，全{place[-1]}上下认真贯彻落实市委、市政府决策部署，各项工作取得了明显成效，完成固定资产投资{R.randint(10, 90)}.{R.randint(1, 9)}亿元，同比增长{R.randint(2, 15)}.{R.randint(1, 9)}%。",
        f"{town}积极发展肉牛养殖、马铃薯、冷凉蔬菜等特色产业，带动{R.randint(300, 3000)}户群众增收，人均可支配收入达到{R.randint(11000, 16000)}元。",
        f"{place}{R.choice(UNITS).replace('市', '县', 1)}组织干部深入{town}开展“我为群众办实事”实践活动，为群众解决饮水安全、道路硬化、就医就学等实际问题{R.randint(20, 180)}件。",
        f"近日，{place}“互联网+政务服务”改革取得新进展，{R.randint(300, 900)}项政务服务事项实现“一网通办”，企业和群众办事更加便捷。",
        f"{place}聚焦“一老一小”，新建社区养老服务站{R.randint(2, 12)}个、普惠性幼儿园{R.randint(1, 6)}所，新增托位{R.randint(100, 600)}个。",
        f"在{town}的高标准农田建设项目现场，大型机械往来穿梭，施工人员正抓紧平整土地、铺设管网，项目建成后可新增节水灌溉面积{R.randint(2000, 9000)}亩。",
        f"{place}扎实开展城乡环境卫生综合整治，清理生活垃圾{R.randint(1000, 8000)}吨，拆除残垣断壁{R.randint(50, 400)}处，村容村貌明显改善。",
        f"活动现场，工作人员向过往群众发放《民法典》、防范电信网络诈骗、反家庭暴力等宣传资料{R.randint(500, 5000)}余份，解答群众法律咨询{R.randint(30, 300)}人次。",
        f"{place}人民医院与{R.choice(['宁夏医科大学总医院', '自治区人民医院', '福建医科大学附属协和医院'])}建立紧密型医联体，远程会诊{R.randint(100, 900)}例，群众在家门口就能享受优质医疗服务。",
        f"{R.choice(['2019', '2020', '2021', '2022'])}评选表彰的{R.randint(10, 60)}名“最美家庭”“好婆婆”“好媳妇”代表在活动中分享了家风故事。",
        f"随着秋收季日逼近，{town}组织农机手检修农机具{R.randint(100, 800)}台次，确保颗粒归仓。",
        f"截至{R.randint(1, 12)}月底，{place}城镇新增就业{R.randint(1000, 5000)}人，城镇调查失业率控制在5.5%以内，农村劳动力转移就业{R.randint(10000, 60000)}人次。",
        f"{place}持续推进六盘山生态保护修复，完成营造林{R.randint(5, 30)}万亩，森林覆盖率达到{R.randint(15, 30)}.{R.randint(1, 9)}%。",
        f"{town}{R.choice(['清真寺', '社区', '村部', '学校'])}开展“民族团结一家亲”主题活动，回族、汉族群众欢聚一堂，共话发展。",
        f"{place}公安局开展夏季治安打击整治行动，破获刑事案件{R.randint(20, 200)}起，抓获违法犯罪嫌疑人{R.randint(10, 150)}名，收缴管制刀具{R.randint(10, 90)}把、非法枪支{R.randint(1, 9)}支。",
        f"{place}开展防范非法集资、电信网络诈骗宣传月活动，提醒群众警惕“高收益、低风险”投资陷阱，不参与网络赌博和非法彩票。",
    ]
    title = f"{place}{R.choice(['扎实推进', '全力做好', '统筹抓好', '持续深化'])}{R.choice(['乡村振兴', '民生实事', '安全生产', '项目建设', '城乡环境整治', '就业创业'])}工作"
    body = R.sample(bank, R.randint(5, 9))
    return "\n".join([title, "", *body, f"（{place}融媒体中心 {name()}）", ""])


def statistics_bulletin(n):
    place = R.choice(PLACES)
    lines = [f"{place}2022年国民经济和社会发展统计公报", "",
             f"2022年，在市委、市政府的坚强领导下，{place}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，高效统筹疫情防控和经济社会发展，经济运行总体平稳。", ""]
    for item in ["地区生产总值", "第一产业增加值", "第二产业增加值", "第三产业增加值", "一般公共预算收入",
                 "社会消费品零售总额", "城镇居民人均可支配收入", "农村居民人均可支配收入", "粮食总产量", "肉牛饲养量"]:
        lines.append(f"{item}{R.randint(10, 999)}.{R.randint(0, 9)}{R.choice(['亿元', '万元', '元', '万吨', '万头'])}，"
                     f"比上年增长{R.randint(1, 12)}.{R.randint(0, 9)}%。")
    lines += [f"年末全{place[-1]}常住人口{R.randint(10, 45)}.{R.randint(0, 99):02d}万人，其中城镇人口{R.randint(3, 20)}.{R.randint(0, 99):02d}万人，"
              f"常住人口城镇化率{R.randint(25, 60)}.{R.randint(0, 9)}%。1964年、1982年、1990年人口普查资料已整理归档。",
              "注：本公报中部分数据为初步统计数，各项统计数据均未包括中国台湾省和香港、澳门特别行政区的数据。", ""]
    return "\n".join(lines)


KINDS = [("bulk-appointments.txt", appointment_notice, 90), ("bulk-pre-appointment.txt", pre_appointment_notice, 60),
         ("bulk-hiring-results.txt", hiring_result, 60), ("bulk-discipline.txt", discipline_report, 60),
         ("bulk-news.txt", news_item, 160), ("bulk-statistics.txt", statistics_bulletin, 40)]


def main():
    for filename, make, count in KINDS:
        with open(os.path.join(HERE, filename), "w", encoding="utf-8") as out:
            out.write(f"# generated by generate_bulk.py — {count} documents\n\n")
            for n in range(1, count + 1):
                out.write(make(n) + "\n")


if __name__ == "__main__":
    main()
