#!/usr/bin/env python3
"""Builds config/lexicon/typos.txt, the default typo lexicon, from public word lists.

Run from the repository root (needs Debian's python3-jieba for its word list):

    python3 tests/bench/typo_accuracy_build_lexicon.py --data ../shared/data \
        --out config/lexicon/typos.txt

Sources (see docs/lexicon.md for licences):
  1. ECSpell 常见错字错词 (规范 vs 非规范 forms), MIT;
  2. pycorrector tests/custom_confusion.txt word pairs, Apache-2.0;
  3. candidates generated from pycorrector's same_pinyin / same_stroke character confusion sets
     (Apache-2.0) applied to frequent words of jieba's dictionary (MIT), filtered hard;
  4. word pairs mined from the EVEN rows (0-based) of ECSpell's odw.train (MIT) only — the odd
     rows are the held-out half the benchmark reports separately;
  5. a short hand-written list of well-known 公文 misspellings (in this script).

Filtering — why an entry is kept (each rule removes a class of false alarms):
  * the wrong form is not itself a word of jieba's 349k-word dictionary, and not part of one
    (so 标识, 截止, 百年家具 are never "wrong");
  * the wrong form is unlikely to arise across a word boundary of correct text: for every split
    point, P(a word ends with the left part) * P(a word starts with the right part), estimated
    from jieba's frequencies, must be far below the frequency of the correct word (管里 is
    dropped because 血管里 is common; 管埋 is kept);
  * it does not fire on the even-row correct sentences of odw (the mining half), nor on the
    fixture corpus of ordinary government text (tests/data/gov-corpus), which is therefore not
    an independent typo false-positive test (it is for sensitive and severe findings);
  * no pairs about 的/地/得 (grammar, not vocabulary).
"""
import argparse
import collections
import math
import os
import sys

JIEBA_DICT = "/usr/lib/python3/dist-packages/jieba/dict.txt"

# Well-known misspellings in official documents, hand-written (wrong, correct).
HAND = """
按装 安装|既使 即使|再接再励 再接再厉|迫不急待 迫不及待|一愁莫展 一筹莫展|按步就班 按部就班
走头无路 走投无路|不径而走 不胫而走|默守成规 墨守成规|谈笑风声 谈笑风生|针贬时弊 针砭时弊
一股作气 一鼓作气|美仑美奂 美轮美奂|金榜提名 金榜题名|出奇不意 出其不意|坐阵指挥 坐镇指挥
布署 部署|贯切落实 贯彻落实|渲泄 宣泄|震憾 震撼|气慨 气概|寒喧 寒暄|重迭 重叠|脉膊 脉搏
峻工 竣工|蜇伏 蛰伏|精萃 精粹|决窍 诀窍|松驰 松弛|爆躁 暴躁|凑和 凑合|穿流不息 川流不息
甘拜下风 甘拜下风|变本加利 变本加厉|病入膏盲 病入膏肓|草管人命 草菅人命|唇枪舌箭 唇枪舌剑
戮力同心 戮力同心|既往不究 既往不咎|莫衷一是 莫衷一是|破斧沉舟 破釜沉舟|世外桃园 世外桃源
事必躬亲 事必躬亲|首当其冲 首当其冲|同仇敌慨 同仇敌忾|委屈求全 委曲求全|相辅相承 相辅相成
消声匿迹 销声匿迹|言简意骇 言简意赅|一如继往 一如既往|一愁莫展 一筹莫展|原形必露 原形毕露
再所不惜 在所不惜|张冠李带 张冠李戴|直接了当 直截了当|中流抵柱 中流砥柱|自抱自弃 自暴自弃
座右铭 座右铭|励精图冶 励精图治|厉行节约 厉行节约|励行节约 厉行节约|兢兢业业 兢兢业业
竞竞业业 兢兢业业|精兵减政 精兵简政|勤政廉洁 勤政廉洁|廉洁奉工 廉洁奉公|克已奉公 克己奉公
实事求事 实事求是|与时具进 与时俱进|与时局进 与时俱进|开拓进取 开拓进取|求真务实 求真务实
齐心协力 齐心协力|齐心携力 齐心协力|群策群力 群策群力|集思广议 集思广益|防患未然 防患于未然
防范于未燃 防范于未然|未雨绸缪 未雨绸缪|未雨筹谋 未雨绸缪|一以贯之 一以贯之|一以惯之 一以贯之
行之有效 行之有效|行之有郊 行之有效|卓有成效 卓有成效|卓有成郊 卓有成效|落到实处 落到实处
落倒实处 落到实处|落实到位 落实到位|常抓不懈 常抓不懈|常抓不泄 常抓不懈|持之以恒 持之以恒
持之以衡 持之以恒|坚持不懈 坚持不懈|坚持不泄 坚持不懈|扎实推进 扎实推进|扎实推近 扎实推进
稳步推近 稳步推进|统筹兼顾 统筹兼顾|统筹兼故 统筹兼顾|统酬兼顾 统筹兼顾|综合施策 综合施策
综合实策 综合施策|精准施测 精准施策|精准脱贫 精准脱贫|精准拖贫 精准脱贫|脱贫功坚 脱贫攻坚
脱贫攻艰 脱贫攻坚|乡村振新 乡村振兴|乡村震兴 乡村振兴|放管服改革 放管服改革|放关服 放管服
营商环竟 营商环境|营上环境 营商环境|安全生厂 安全生产|安全声产 安全生产|疫情防空 疫情防控
疫情妨控 疫情防控|常态化防空 常态化防控|核酸检侧 核酸检测|核酸捡测 核酸检测|防汛抗汉 防汛抗旱
防汛抗早 防汛抗旱|应急预按 应急预案|应急预安 应急预案|突发事见 突发事件|信息公凯 信息公开
政务公凯 政务公开|政务公幵 政务公开|政府网占 政府网站|政务新媒休 政务新媒体|互动交留 互动交流
办事服物 办事服务|党风廉证 党风廉政|党风连政 党风廉政|廉政建没 廉政建设|从严治当 从严治党
全面从严治当 全面从严治党|党的建没 党的建设|基层党建设 基层党组织建设|两学一作 两学一做
民主生活会 民主生活会|组织生活会 组织生活会|三会一可 三会一课|主题党日 主题党日|党员干布 党员干部
领导干布 领导干部|领导班子 领导班子|领到班子 领导班子|干部职工 干部职工|干布职工 干部职工
"""


# The 100 most common surnames (公安部 户籍人口姓氏统计). A two-character variant that starts with
# one of them is most often the start of a personal name (汤海 → 上海, 郭嘉 → 国家, 范卫 → 范围),
# which personnel notices and hiring lists are full of.
SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许邓韩冯曹彭曾肖田董潘袁蔡蒋余于杜叶"
               "程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺"
               "毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文")


def read_jieba():
    words = {}
    with open(JIEBA_DICT, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                words[parts[0]] = int(parts[1])
    return words


def read_confusion(data):
    conf = collections.defaultdict(set)
    with open(os.path.join(data, "typo/same_pinyin.txt"), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            for alt in "".join(f[1:]):
                if alt != f[0] and not alt.isspace():
                    conf[f[0]].add(alt)
    with open(os.path.join(data, "typo/same_stroke.txt"), encoding="utf-8") as fh:
        for line in fh:
            group = line.split()
            if len(group) == 1:
                group = list(group[0])
            for c in group:
                conf[c] |= set(group) - {c}
    return conf


def read_odw(data):
    rows = []
    with open(os.path.join(data, "typo/odw.train.tsv"), encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) >= 3:
                rows.append((f[1], f[2]))
    return rows


class BoundaryModel:
    """How often a string arises across a word boundary in correct text, from jieba's counts."""

    def __init__(self, words):
        self.total = float(sum(words.values()))
        self.ends = collections.Counter()
        self.starts = collections.Counter()
        for w, f in words.items():
            for k in range(1, min(3, len(w)) + 1):
                self.ends[w[-k:]] += f
                self.starts[w[:k]] += f

    def risk(self, v):
        worst = 0.0
        for k in range(1, len(v)):
            left, right = v[:k], v[k:]
            if len(left) > 3 or len(right) > 3:
                continue
            worst = max(worst, (self.ends[left] / self.total) * (self.starts[right] / self.total))
        return worst


def substrings_of_words(words, min_freq):
    subs = set()
    for w, f in words.items():
        n = len(w)
        if f < min_freq:
            continue
        if n < 3:
            continue
        for i in range(n):
            for j in range(i + 2, min(n, i + 6) + 1):
                if j - i < n:
                    subs.add(w[i:j])
    return subs


def to_simplified(strings):
    """OpenCC t2s of each string (Debian package opencc). The engine matches on simplified text,
    so a variant that only differs by a traditional character (參加) is no typo at all."""
    import subprocess
    strings = list(strings)
    out = subprocess.run(["opencc", "-c", "t2s.json"], input="\n".join(strings) + "\n",
                         capture_output=True, text=True, check=True).stdout.split("\n")
    return dict(zip(strings, out))


def diff_positions(a, b):
    return [i for i, (x, y) in enumerate(zip(a, b)) if x != y]


def is_cjk(s):
    return all(0x4E00 <= ord(c) <= 0x9FFF for c in s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--corpus", default="tests/data/gov-corpus")
    ap.add_argument("--out", default="config/lexicon/typos.txt")
    ap.add_argument("--min-freq", type=int, default=100, help="generated: min jieba freq of the correct word")
    ap.add_argument("--ratio", type=float, default=2e-3,
                    help="generated: keep if boundary risk < ratio * P(correct word)")
    ap.add_argument("--word-min-freq", type=int, default=20,
                    help="a variant is a real word when jieba lists it (or a word containing it) this often")
    ap.add_argument("--short-factor", type=float, default=0.3,
                    help="generated: the ratio for two-character variants is multiplied by this")
    ap.add_argument("--max-generated", type=int, default=15000)
    args = ap.parse_args()

    words = read_jieba()
    total = float(sum(words.values()))
    conf = read_confusion(args.data)
    subs = substrings_of_words(words, args.word_min_freq)
    bm = BoundaryModel(words)
    odw = read_odw(args.data)
    mining = odw[0::2]  # even rows only; odd rows stay held out

    # Correct text that no entry may fire on.
    clean_texts = [c for _, c in mining]
    if os.path.isdir(args.corpus):
        for root, _, files in os.walk(args.corpus):
            for name in files:
                if name.endswith(".txt"):
                    with open(os.path.join(root, name), encoding="utf-8") as fh:
                        clean_texts.append(fh.read())
    clean_blob = "\n".join(clean_texts)

    # Domain vocabulary: words seen in correct 公文 text (even rows + corpus) get a boost.
    domain = collections.Counter()
    wordset = set(words)
    for text in clean_texts:
        i = 0
        while i < len(text):
            for n in (6, 5, 4, 3, 2):
                if text[i:i + n] in wordset:
                    domain[text[i:i + n]] += 1
                    break
            i += 1

    def is_word_like(v):
        # jieba's dictionary carries many rare entries (freq < 5) that are themselves OCR or
        # typing accidents; a variant that is only such a rare word still counts as wrong.
        return words.get(v, 0) >= args.word_min_freq or v in subs

    def fires_on_clean(wrong, correct):
        start = 0
        while True:
            i = clean_blob.find(wrong, start)
            if i < 0:
                return False
            # would the automatic own-correction rule suppress it?
            k = correct.find(wrong)
            if not (k >= 0 and clean_blob[i - k:i - k + len(correct)] == correct):
                return True
            start = i + 1

    entries = {}  # wrong -> (correct, weight, source)

    simplified = {}

    def add(wrong, correct, weight, source):
        if wrong in entries or wrong == correct or not wrong or not correct:
            return False
        if wrong not in simplified:
            simplified.update(to_simplified([wrong]))
        if simplified[wrong] != wrong:
            return False
        if fires_on_clean(wrong, correct):
            return False
        entries[wrong] = (correct, weight, source)
        return True

    stats = collections.Counter()
    # 5. hand-written
    for item in HAND.replace("\n", "|").split("|"):
        parts = item.split()
        if len(parts) == 2 and parts[0] != parts[1] and not is_word_like(parts[0]):
            stats["hand"] += add(parts[0], parts[1], 1.0, "hand")

    # 1. ECSpell 常见错字错词: right-wrong
    with open(os.path.join(args.data, "lexicon/common_wrong_words_pairs.txt"), encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if "-" not in line:
                continue
            right, wrong = line.split("-", 1)
            # 非规范 forms that are still ordinary words (标识, 定单 …) are not flagged.
            if words.get(wrong, 0) > 0.05 * words.get(right, 1) or (wrong in subs and len(wrong) <= 2):
                stats["ecspell_dropped"] += 1
                continue
            stats["ecspell"] += add(wrong, right, 0.8, "ecspell")

    # 2. pycorrector custom confusion word pairs
    with open(os.path.join(args.data, "typo/tests_custom_confusion.txt"), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            f = line.rstrip("\n").split("\t")
            if len(f) < 2:
                continue
            wrong, right = f[0].strip(), f[1].strip()
            if (len(wrong) != len(right) or len(wrong) < 2 or len(wrong) > 5 or not is_cjk(wrong + right)
                    or any(c in "的地得" for c in wrong + right) or right not in words
                    or is_word_like(wrong) or bm.risk(wrong) > 1e-3 * words[right] / total):
                stats["pycorrector_dropped"] += 1
                continue
            stats["pycorrector"] += add(wrong, right, 0.9, "pycorrector")

    # 4. mined from the even rows of odw: the smallest dictionary word around each changed char.
    for wrong_s, right_s in mining:
        if len(wrong_s) != len(right_s):
            continue
        for p in diff_positions(wrong_s, right_s):
            for n in (2, 3, 4):
                found = False
                for s in range(p - n + 1, p + 1):
                    if s < 0 or s + n > len(right_s):
                        continue
                    rw, ww = right_s[s:s + n], wrong_s[s:s + n]
                    if rw in words and is_cjk(rw + ww) and not is_word_like(ww) \
                            and bm.risk(ww) < args.ratio * 10 * words[rw] / total:
                        stats["odw_even"] += add(ww, rw, 0.9, "odw-even")
                        found = True
                        break
                if found:
                    break

    # 3. generated from confusion sets over frequent words.
    cands = []
    for w, f in words.items():
        if not (2 <= len(w) <= 4) or not is_cjk(w) or f < args.min_freq:
            continue
        pw = f / total
        boost = 1.0 + math.log1p(domain[w])
        for i, c in enumerate(w):
            for alt in conf.get(c, ()):
                v = w[:i] + alt + w[i + 1:]
                if not is_cjk(v) or is_word_like(v) or (len(v) == 2 and v[0] in SURNAMES):
                    continue
                risk = bm.risk(v)
                # two-character variants cross word boundaries of collocations (债券|市场 gives
                # 券市), which the independence estimate underrates: ten times stricter
                if risk >= args.ratio * pw * (args.short_factor if len(v) == 2 else 1.0):
                    continue
                # one error in word w is spread over its characters and their confusion sets
                cands.append((pw * boost / (len(w) * len(conf[c])), v, w))
    simplified.update(to_simplified({v for _, v, _ in cands}))
    cands = [c for c in cands if simplified[c[1]] == c[1]]
    cands.sort(reverse=True)
    seen_wrong = collections.Counter(v for _, v, _ in cands)
    generated = 0
    for score, v, w in cands:
        if generated >= args.max_generated:
            break
        if seen_wrong[v] > 1:  # ambiguous: two words lead to this variant; no single correction
            continue
        if add(v, w, 0.7, "generated"):
            generated += 1
    stats["generated"] = generated
    stats["generated_candidates"] = len(cands)

    by_source = collections.defaultdict(list)
    for wrong, (correct, weight, source) in entries.items():
        by_source[source].append((wrong, correct, weight))

    header = f"""# govwatch default typo lexicon (typos): wrong<TAB>correct<TAB>weight
# Generated by tests/bench/typo_accuracy_build_lexicon.py — edit the script or add a file of your
# own (typos-local.txt) rather than this one; see docs/lexicon.md.
# Sources and licences:
#   hand     — hand-written 公文 misspellings (govwatch);
#   ecspell  — aopolin-lv/ECSpell csc_evaluation/data/wordlist/常见错字错词.txt (MIT);
#   pycorrector — shibing624/pycorrector tests/custom_confusion.txt (Apache-2.0);
#   odw-even — pairs mined from the even rows of aopolin-lv/ECSpell Data/domains_data/odw.train
#              (MIT); the odd rows are held out for measurement;
#   generated — shibing624/pycorrector pycorrector/data/same_pinyin.txt and same_stroke.txt
#              (Apache-2.0) applied to frequent words of jieba's dict.txt (fxsjy/jieba, MIT),
#              kept only when the variant is not a word, not inside a word and unlikely across a
#              word boundary.
# Weights: hand 1.0, pycorrector/odw-even 0.9, ecspell 0.8 (非规范 forms), generated 0.7.
# Entries: {len(entries)}
"""
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(header)
        for source in ("hand", "ecspell", "pycorrector", "odw-even", "generated"):
            rows = by_source.get(source, [])
            out.write(f"\n# --- {source}: {len(rows)} ---\n")
            for wrong, correct, weight in sorted(rows, key=lambda r: (r[1], r[0])):
                out.write(f"{wrong}\t{correct}\t{weight:g}\n")
    print(dict(stats), "total", len(entries), file=sys.stderr)


if __name__ == "__main__":
    main()
