// The `feed` adapter: one RSS 2.0 / Atom / JSON Feed URL per account (e.g. a self-hosted RSSHub
// route such as /weibo/user/:uid). Entries become posts; an entry the source marks as pinned
// (RSSHub's Weibo titles start with 置顶 / [置顶] / 【置顶】) is flagged, so an old pinned post
// never counts as the newest (the freshness check skips pinned posts).
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "extract/extract.h"
#include "sources/source.h"

namespace govwatch::sources {

// Pure: whether a feed entry title carries a pinned marker (置顶, [置顶], 【置顶】, "Pinned:").
bool HasPinnedMarker(std::string_view title);

// Pure: the posts of a parsed feed, pinned entries flagged; text is the title (the feed
// extractor keeps no bodies).
std::vector<Post> PostsFromFeed(const extract::Feed& feed);

std::unique_ptr<AccountSource> MakeFeedSource(const config::Account& account);

}  // namespace govwatch::sources
