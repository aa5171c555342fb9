// Runs of articles for the memo: where the archive is cut, and the key of a run.
#include "render/views.h"

#include <algorithm>
#include <memory>

namespace newsarc::render {

namespace {

// The month an article was published in, as one number (-1 when undated).
long month_of(const ingest::ArticleRecord& r) {
  if (r.date.precision == ingest::DatePrecision::kNone) return -1;
  return long{r.date.year} * 13 + r.date.month;  // month 0: known to the year only
}

}  // namespace

// Runs end where the month changes once they have `min` articles, or at
// `max`: a new day's articles (the newest, so first) then change the first
// run only, instead of moving every later cut. 1,300 articles of March 2024
// and 900 of February make two runs; 5,000 of one month make runs of 4,096 and 904.
std::vector<ArticleRun> article_runs(const archive::Archive& archive, std::size_t min,
                                     std::size_t max) {
  const auto& articles = archive.articles;
  min = std::max<std::size_t>(min, 1);
  max = std::max(max, min);
  std::vector<ArticleRun> runs;
  for (std::size_t i = 0, first = 0; i < articles.size(); ++i) {
    const std::size_t size = i + 1 - first;
    if (i + 1 == articles.size() || size == max ||
        (size >= min && month_of(articles[i + 1]) != month_of(articles[i]))) {
      runs.push_back({first, i + 1});
      first = i + 1;
    }
  }
  return runs;
}

SharedBytes SharedBytes::of(std::string text) {
  auto owner = std::make_shared<const std::string>(std::move(text));
  return {*owner, owner};
}

FileBytes FileBytes::of_pieces(std::vector<SharedBytes> pieces) {
  FileBytes out;
  out.pieces_ = std::move(pieces);
  return out;
}

FileBytes FileBytes::unchanged(std::uint64_t hash) {
  FileBytes out;
  out.unchanged_ = hash;
  return out;
}

std::vector<std::string_view> FileBytes::pieces() const {
  if (pieces_.empty()) return {text_};
  std::vector<std::string_view> out;
  out.reserve(pieces_.size());
  for (const SharedBytes& piece : pieces_) out.push_back(piece.bytes);
  return out;
}

std::size_t FileBytes::size() const {
  std::size_t n = text_.size();
  for (const SharedBytes& piece : pieces_) n += piece.bytes.size();
  return n;
}

std::string FileBytes::join() && {
  if (pieces_.empty()) return std::move(text_);
  std::string out;
  out.reserve(size());
  for (const SharedBytes& piece : pieces_) out += piece.bytes;
  pieces_.clear();
  return out;
}

namespace {

// The memo key of what `kind` derives from `run`: its articles' digests.
std::uint64_t run_key(std::string_view kind, const Reuse& reuse, ArticleRun run) {
  std::uint64_t h = base::hash_bytes(kind);
  for (std::size_t i = run.first; i < run.last; ++i) h = base::hash_combine(h, reuse.digests[i]);
  return base::hash_combine(h, run.last - run.first);
}

}  // namespace

SharedBytes from_memo(const Reuse* reuse, const archive::Archive& archive, std::string_view kind,
                      ArticleRun run, const std::function<std::string()>& make,
                      const std::function<bool(std::string_view)>& usable,
                      const OutputPlace* place) {
  const bool memo = reuse && reuse->memo && reuse->digests.size() == archive.articles.size();
  if (!memo) return SharedBytes::of(make());
  const std::uint64_t key = run_key(kind, *reuse, run);
  std::optional<SharedBytes> kept = reuse->memo->get(key);
  if (kept && usable && !usable(kept->bytes)) kept.reset();
  SharedBytes value = kept ? std::move(*kept) : SharedBytes::of(make());
  if (place)
    reuse->memo->put_placed(key, value.bytes, place->path, place->offset);
  else if (!kept)
    reuse->memo->put(key, value.bytes);
  return value;
}

}  // namespace newsarc::render
