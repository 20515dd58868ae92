#!/usr/bin/env python3
"""Generates a province for the daemon benchmarks: list pages, homepages and RSS feeds under
ROOT (served by govwatch-fixture-server), and a govwatch config pointing at them.

  province_gen.py ROOT CONFIG BASE_URL DB_PATH SITES COLUMNS ACCOUNTS [HTTP_CONNECTIONS]

Pages are small (~3-6 KB, 10-20 dated items, dates as {{date:-Nd}} templates so the province
looks the same whenever it runs) and spread over subdirectories (100 sites or 1,000 feeds a
directory). Some columns are stale on purpose (items 30-400 days old) so checks open findings."""
import os
import sys

root, config, base, db = sys.argv[1:5]
sites, columns, accounts = (int(x) for x in sys.argv[5:8])
conns = int(sys.argv[8]) if len(sys.argv) > 8 else 64

KINDS = ["news", "notice", "policy", "interpretation", "personnel", "planning", "disclosure",
         "interaction", "service", "other"]
NAV = "".join(f'<li><a href="/col{i}/">栏目{i}</a></li>' for i in range(40))


def list_page(title, seed):
    n = 10 + seed % 11  # 10-20 items
    # Every 7th page is stale: its newest item is 30+ days old.
    first = 30 + seed % 300 if seed % 7 == 0 else seed % 5
    items = "".join(
        f'<li><a href="/art/{seed}_{i}.html">关于做好第{i}项政务公开工作的通知{seed}</a>'
        f'<span>{{{{date:-{first + 3 * i}d}}}}</span></li>' for i in range(n))
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body><ul class="nav">{NAV}</ul><div class="list"><ul>{items}</ul></div>'
            f'<div class="footer">主办：某市人民政府办公室 宁ICP备00000000号</div></body></html>')


def feed(name, seed):
    first = 10 + seed % 60 if seed % 5 == 0 else seed % 3
    items = "".join(
        f'<item><title>{name}发布第{i}条</title><link>https://mp.example.cn/{seed}/{i}</link>'
        f'<pubDate>{{{{rfc822:-{first + 2 * i}d}}}}</pubDate></item>' for i in range(5))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f'<title>{name}</title><link>https://mp.example.cn/{seed}</link>{items}'
            f'</channel></rss>')


with open(config, "w", encoding="utf-8") as y:
    y.write(f"storage: {{path: '{db}'}}\n")
    y.write(f"http: {{max_connections: {conns}, max_connections_per_host: {conns}, "
            f"per_host_delay: 0s, retries: 0}}\n")
    y.write("web: {listen: '127.0.0.1:0'}\n")
    y.write("units:\n")
    for u in range(50):
        y.write(f"  - {{id: u{u}, name: 示例单位{u}, region: 市本级}}\n")
    y.write("sites:\n")
    for s in range(sites):
        d = f"s/{s // 100}/{s}"
        os.makedirs(f"{root}/{d}", exist_ok=True)
        with open(f"{root}/{d}/index.html", "w", encoding="utf-8") as f:
            f.write(list_page(f"网站{s}", s))
        y.write(f"  - {{id: s{s}, name: 网站{s}, unit: u{s % 50}, homepage: '{base}/{d}/index.html',"
                f" columns: [\n")
        for c in range(columns):
            seed = s * columns + c
            with open(f"{root}/{d}/c{c}.html", "w", encoding="utf-8") as f:
                f.write(list_page(f"栏目{c}", seed))
            y.write(f"      {{id: c{c}, name: 栏目{c}, kind: {KINDS[c % 10]}, "
                    f"url: '{base}/{d}/c{c}.html'}},\n")
        y.write("    ]}\n")
    y.write("accounts:\n" if accounts else "accounts: []\n")
    platforms = ["wechat", "weibo", "douyin", "toutiao"]
    for a in range(accounts):
        d = f"a/{a // 1000}"
        if a % 1000 == 0:
            os.makedirs(f"{root}/{d}", exist_ok=True)
        with open(f"{root}/{d}/{a}.xml", "w", encoding="utf-8") as f:
            f.write(feed(f"发布{a}", a))
        y.write(f"  - {{id: acct{a}, name: 发布{a}, platform: {platforms[a % 4]}, unit: u{a % 50}, "
                f"source: {{type: feed, url: '{base}/{d}/{a}.xml'}}}}\n")
