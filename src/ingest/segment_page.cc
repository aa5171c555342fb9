// Groups a normalised page into articles: where articles start, which
// headline belongs to which article, credits, captions and section headings.
#include <algorithm>
#include <set>

#include "ingest/segment.h"
#include "text/text.h"

namespace newsarc::ingest {

bool Draft::has_text() const {
  return std::any_of(body.begin(), body.end(),
                     [](const Piece* p) { return p->kind == PieceKind::kText; });
}

namespace {

bool is_dateline(const Piece& p) {
  // Compared as UTF-8: "本报讯" has one encoding, and the paragraph need not
  // be decoded to read its first three characters.
  return p.kind == PieceKind::kText && std::string_view(p.text).starts_with("本报讯");
}

bool is_caption_gap(const Piece& p) {
  return p.gap_before >= 2;
}

class Segmenter {
 public:
  explicit Segmenter(const NormalisedPage& page) : page_(page) {}

  void run() {
    for (const Piece& p : page_.pieces) step(p);
    flush_pending(drafts_.empty() ? 0 : drafts_.size() - 1);
  }
  std::vector<Draft>& drafts() { return drafts_; }
  std::vector<HeadlineBlock>& strays() { return strays_; }

 private:
  Draft* current() { return drafts_.empty() ? nullptr : &drafts_.back(); }

  Draft& open_draft(int line) {
    drafts_.push_back(Draft{});
    drafts_.back().first_line = line;
    return drafts_.back();
  }

  // Short lines met between articles wait here until we know what follows.
  void flush_pending(std::size_t natural) {
    HeadlineBlock block;
    block.natural = natural;
    for (const Piece* p : pending_) {
      if (is_caption_gap(*p) && !drafts_.empty())
        drafts_[natural].captions.push_back(p->text);
      else
        block.lines.push_back(p);
    }
    block.credits = pending_credits_;
    if (!block.lines.empty()) strays_.push_back(std::move(block));
    pending_.clear();
    pending_credits_ = Credits{};
  }

  void start_article(const Piece& p) {
    open_draft(p.span.line);
    flush_pending(drafts_.size() - 1);
  }

  // The short lines just above a closing byline are a headline printed after
  // its article: "……取得实效。" / "强基固本" / "推动发展" / "记者 张三".
  void take_trailing_headline(Draft& d) {
    std::vector<const Piece*> trailing;
    while (!d.body.empty() && d.body.back()->kind == PieceKind::kShortLine &&
           !is_caption_gap(*d.body.back())) {
      trailing.insert(trailing.begin(), d.body.back());
      d.body.pop_back();
    }
    if (!trailing.empty()) pending_ = trailing;
  }

  // Where the previous byline's credits went, so that a byline printed over
  // two lines ("记者 张三" / "通讯员 李四") stays one credit.
  Credits* last_credits() {
    if (last_to_stray_ && !strays_.empty()) return &strays_.back().credits;
    return current() ? &current()->credits : nullptr;
  }

  void on_byline(const Piece& p) {
    Credits c;
    parse_credit_line(p.text, c);
    if (last_was_byline_ && last_credits()) {
      merge_credits(*last_credits(), c);
      return;
    }
    last_to_stray_ = false;
    Draft* d = current();
    if (d && !d->closed && d->has_text()) {
      take_trailing_headline(*d);
      if (!pending_.empty()) {
        pending_credits_ = c;  // the byline printed under the stray headline
        flush_pending(drafts_.size() - 1);
        last_to_stray_ = true;
      } else {
        merge_credits(d->credits, c);
      }
      d->closed = true;
    } else if (!pending_.empty() || !d || d->closed) {
      start_article(p);
      merge_credits(current()->credits, c);
      // The pending headline and this byline open the article above its body.
      if (!strays_.empty() && strays_.back().natural == drafts_.size() - 1) {
        current()->headline = strays_.back().lines;
        strays_.pop_back();
      }
    } else {
      merge_credits(d->credits, c);
    }
  }

  // A lone short line that does not end a sentence, right before a dateline,
  // is that brief's headline even with a comma in it: "春风化雨，润物无声".
  bool is_lone_headline(const Draft& d) const {
    if (d.closed || !d.headline.empty() || d.body.size() != 1) return false;
    const Piece& only = *d.body[0];
    std::u32string t = text::to_u32(only.text);
    return only.kind == PieceKind::kText && only.span.end_line == only.span.line &&
           !ends_sentence(t) && display_width(t) <= 40;
  }

  void on_text(const Piece& p) {
    Draft* d = current();
    if (d && is_dateline(p) && is_lone_headline(*d)) {
      d->headline.push_back(d->body[0]);
      d->body.clear();
      d->body.push_back(&p);
      return;
    }
    bool fresh = d && !d->closed && !d->has_text();  // a headline waiting for its body
    if (is_dateline(p) && !fresh) {
      start_article(p);
    } else if (!d || d->closed) {
      start_article(p);
    }
    current()->body.push_back(&p);
  }

  void on_short_line(const Piece& p) {
    Draft* d = current();
    if (d && !d->closed && d->has_text()) {
      d->body.push_back(&p);
    } else if (d && !d->closed && !is_caption_gap(p)) {
      d->headline.push_back(&p);
    } else if (d && !d->closed) {
      d->captions.push_back(p.text);
    } else {
      pending_.push_back(&p);
    }
  }

  void on_md_heading(const Piece& p) {
    Draft* d = current();
    if (p.md_level >= 3) {
      if (!d) d = &open_draft(p.span.line);
      d->closed = false;  // "### 小标题" after a byline continues the article
      d->body.push_back(&p);
      return;
    }
    if (!d || d->has_text() || d->closed) d = &open_draft(p.span.line);
    d->headline.push_back(&p);
  }

  void step(const Piece& p) {
    dispatch(p);
    last_was_byline_ = p.kind == PieceKind::kByline;
  }

  void dispatch(const Piece& p) {
    switch (p.kind) {
      case PieceKind::kMdHeading:
        on_md_heading(p);
        break;
      case PieceKind::kByline:
        on_byline(p);
        break;
      case PieceKind::kShortLine:
        on_short_line(p);
        break;
      case PieceKind::kCaption:
        if (current()) current()->captions.push_back(p.text);
        break;
      case PieceKind::kText:
        on_text(p);
        break;
    }
  }

  const NormalisedPage& page_;
  std::vector<Draft> drafts_;
  std::vector<HeadlineBlock> strays_;
  std::vector<const Piece*> pending_;
  Credits pending_credits_;
  bool last_was_byline_ = false;
  bool last_to_stray_ = false;
};

}  // namespace

std::vector<ArticleRecord> segment_page(const NormalisedPage& page, std::string_view path,
                                        base::Diagnostics& diags) {
  Segmenter seg(page);
  seg.run();
  place_headlines(seg.drafts(), seg.strays());
  std::vector<ArticleRecord> records;
  for (const Draft& d : seg.drafts()) {
    if (!d.has_text()) {
      if (!d.headline.empty())
        diags.report(base::Severity::kWarning, std::string(path), d.first_line, 1, "ingest/no-body",
                     "headline with no article text: " + d.headline[0]->text);
      continue;
    }
    records.push_back(finish_draft(d, page, path));
  }
  return records;
}

}  // namespace newsarc::ingest
