// The date archive: years, months with an issue calendar, days, undated.
#include <chrono>

#include <nlohmann/json.hpp>

#include "render/views.h"

namespace newsarc::render {
namespace {

using DayMap = std::map<int, std::vector<std::size_t>>;
using MonthMap = std::map<int, DayMap>;

std::size_t count_month(const DayMap& days) {
  std::size_t n = 0;
  for (const auto& [day, list] : days) n += list.size();
  return n;
}

std::size_t count_year(const MonthMap& months) {
  std::size_t n = 0;
  for (const auto& [month, days] : months) n += count_month(days);
  return n;
}

std::string year_dir(int year) {
  return "dates/" + std::to_string(year) + "/";
}
std::string month_dir(int year, int month) {
  return year_dir(year) + pad2(month) + "/";
}
std::string day_dir(int year, int month, int day) {
  return month_dir(year, month) + pad2(day) + "/";
}
std::string year_label(int year) {
  return std::to_string(year) + "年";
}
std::string month_label(int year, int month) {
  return year_label(year) + std::to_string(month) + "月";
}
std::string day_label(int year, int month, int day) {
  return month_label(year, month) + std::to_string(day) + "日";
}

Json crumb(const std::string& label, const std::string& url = "") {
  return {{"label", label}, {"url", url}};
}

Json calendar_cell(int year, int month, int day, const DayMap& days) {
  auto it = days.find(day);
  const bool has = it != days.end() && !it->second.empty();
  return {{"day", std::to_string(day)},
          {"url", has ? Json(day_dir(year, month, day) + "index.html") : Json()},
          {"count", has ? std::to_string(it->second.size()) : ""}};
}

// Weeks of the month, Monday first, padded with empty cells.
Json calendar_weeks(int year, int month, const DayMap& days) {
  namespace chr = std::chrono;
  const chr::year_month ym{chr::year{year}, chr::month{static_cast<unsigned>(month)}};
  const unsigned last = static_cast<unsigned>(chr::year_month_day_last{ym / chr::last}.day());
  const unsigned lead = chr::weekday{chr::sys_days{ym / 1}}.iso_encoding() - 1;
  Json weeks = Json::array();
  Json cells = Json::array();
  const Json empty = {{"day", ""}, {"url", nullptr}, {"count", ""}, {"empty", true}};
  for (unsigned i = 0; i < lead; ++i) cells.push_back(empty);
  for (unsigned d = 1; d <= last; ++d) {
    cells.push_back(calendar_cell(year, month, static_cast<int>(d), days));
    cells.back()["empty"] = false;
    if (cells.size() == 7) weeks.push_back({{"days", std::exchange(cells, Json::array())}});
  }
  if (!cells.empty()) {
    while (cells.size() < 7) cells.push_back(empty);
    weeks.push_back({{"days", cells}});
  }
  return weeks;
}

// The month's dated articles day by day, in calendar order (day 0 holds the
// month-only ones, listed apart).
Json month_days(const SiteInput& in, int year, int month, const DayMap& days) {
  Json out = Json::array();
  for (const auto& [day, list] : days) {
    if (day == 0 || list.empty()) continue;
    out.push_back({{"label", day_label(year, month, day)},
                   {"url", day_dir(year, month, day) + "index.html"},
                   {"iso", std::to_string(year) + "-" + pad2(month) + "-" + pad2(day)},
                   {"articles", article_items(in.archive, list)}});
  }
  return out;
}

Json month_link(int year, int month, const DayMap& days) {
  return {{"label", month_label(year, month)},
          {"url", month_dir(year, month) + "index.html"},
          {"count", std::to_string(count_month(days))}};
}

// Months of the archive in date order, for the previous/next month links.
std::vector<std::pair<int, int>> all_months(const archive::Archive& archive) {
  std::vector<std::pair<int, int>> out;
  for (const auto& [year, months] : archive.by_date) {
    for (const auto& [month, days] : months) {
      if (month != 0) out.emplace_back(year, month);
    }
  }
  return out;
}

Json month_neighbour(const SiteInput& in, const std::vector<std::pair<int, int>>& months,
                     std::size_t i) {
  if (i >= months.size()) return nullptr;
  const auto [y, m] = months[i];
  return month_link(y, m, in.archive.by_date.at(y).at(m));
}

void add_month_pages(const SiteInput& in, std::vector<Page>& pages, int year, int month,
                     const DayMap& days, const Json& neighbours) {
  const std::string title = month_label(year, month);
  std::vector<std::size_t> undated_day;
  if (auto it = days.find(0); it != days.end()) undated_day = it->second;
  for (const auto& [day, list] : days) {
    if (day == 0) continue;
    const std::string day_title = day_label(year, month, day);
    Json crumbs = {crumb("日期", "dates/index.html"),
                   crumb(year_label(year), year_dir(year) + "index.html"),
                   crumb(title, month_dir(year, month) + "index.html"), crumb(day_title)};
    add_list_pages(in,
                   {day_dir(year, month, day), "list.mustache", list, day_title,
                    day_title + "的报道", crumbs, Json::object()},
                   pages);
  }
  Json crumbs = {crumb("日期", "dates/index.html"),
                 crumb(year_label(year), year_dir(year) + "index.html"), crumb(title)};
  Json extra = neighbours;
  extra["calendar_caption"] = title + "报道日历";
  const bool valid = month >= 1 && month <= 12;
  extra["weeks"] = valid ? calendar_weeks(year, month, days) : Json::array();
  ListSpec spec{.dir = month_dir(year, month),
                .template_name = "month.mustache",
                .items = undated_day,
                .title = title,
                .description = title + "的报道",
                .crumbs = crumbs,
                .extra = extra,
                .make_extra = [&in, year, month, &days] {
                  return Json{{"days", month_days(in, year, month, days)}};
                }};
  for (const auto& [day, list] : days)  // the day lists show every article of the month
    spec.extra_items.insert(spec.extra_items.end(), list.begin(), list.end());
  add_list_pages(in, spec, pages);
}

void add_year_pages(const SiteInput& in, std::vector<Page>& pages, int year,
                    const MonthMap& months) {
  Json month_links = Json::array();
  std::vector<std::size_t> year_only;
  for (const auto& [month, days] : months) {
    if (month == 0) {
      if (auto it = days.find(0); it != days.end()) year_only = it->second;
    } else {
      month_links.push_back(month_link(year, month, days));
    }
  }
  const std::string title = year_label(year);
  Json crumbs = {crumb("日期", "dates/index.html"), crumb(title)};
  add_list_pages(in,
                 {year_dir(year), "year.mustache", year_only, title, title + "的报道", crumbs,
                  Json{{"months", month_links}}},
                 pages);
}

}  // namespace

Json years_view(const archive::Archive& archive) {
  Json years = Json::array();
  for (auto it = archive.by_date.rbegin(); it != archive.by_date.rend(); ++it) {
    years.push_back({{"label", year_label(it->first)},
                     {"url", year_dir(it->first) + "index.html"},
                     {"count", std::to_string(count_year(it->second))}});
  }
  return years;
}

void add_date_pages(const SiteInput& in, std::vector<Page>& pages) {
  const archive::Archive& archive = in.archive;
  Page index{"dates/index.html", "dates.mustache", {{"years", years_view(archive)}}};
  index.view["undated"] = archive.undated.empty()
                              ? Json()
                              : Json{{"url", "dates/undated/index.html"},
                                     {"count", std::to_string(archive.undated.size())}};
  add_frame(index, in, "按日期浏览", "按年份、月份和日期浏览全部报道", {crumb("日期")});
  pages.push_back(std::move(index));

  const auto months = all_months(archive);
  for (std::size_t i = 0; i < months.size(); ++i) {
    const auto [y, m] = months[i];
    Json neighbours = {{"prev_month", i > 0 ? month_neighbour(in, months, i - 1) : Json()},
                       {"next_month", month_neighbour(in, months, i + 1)}};
    add_month_pages(in, pages, y, m, archive.by_date.at(y).at(m), neighbours);
  }
  for (const auto& [year, year_months] : archive.by_date)
    add_year_pages(in, pages, year, year_months);
  if (!archive.undated.empty()) {
    Json crumbs = {crumb("日期", "dates/index.html"), crumb("日期不详")};
    add_list_pages(in,
                   {"dates/undated/", "list.mustache", archive.undated, "日期不详",
                    "日期不详的报道", crumbs, Json::object()},
                   pages);
  }
}

}  // namespace newsarc::render
