#include "config/config.h"

namespace newsarc::config {

namespace {

constexpr std::string_view kGaoxin = "郑州高新区";
constexpr std::string_view kJingkai = "郑州经济技术开发区";

District district(std::string_view name, std::string_view slug,
                  std::vector<std::string> aliases = {}, std::string_view parent = {}) {
  return District{std::string(name), std::move(aliases), std::string(parent), std::string(slug)};
}

}  // namespace

std::vector<District> default_gazetteer() {
  return {
      district(kGaoxin, "gaoxin", {"高新区", "郑州高新", "高新技术产业开发区"}),
      district(kJingkai, "jingkai", {"经开区", "郑州经开区"}),
      district("郑东新区", "zhengdong"),
      district("金水区", "jinshui"),
      district("中原区", "zhongyuan"),
      district("二七区", "erqi"),
      district("管城回族区", "guancheng", {"管城区"}),
      district("惠济区", "huiji"),
      district("上街区", "shangjie"),
      district("郑州航空港经济综合实验区", "hangkonggang", {"航空港区"}),
      district("枫杨办事处", "fengyang", {"枫杨街道"}, kGaoxin),
      district("沟赵办事处", "gouzhao", {}, kGaoxin),
      district("梧桐办事处", "wutong", {}, kGaoxin),
      district("石佛办事处", "shifo", {}, kGaoxin),
      district("双桥办事处", "shuangqiao", {}, kGaoxin),
      district("潮河办事处", "chaohe", {}, kJingkai),
      district("明湖办事处", "minghu", {}, kJingkai),
      district("京航办事处", "jinghang", {}, kJingkai),
  };
}

}  // namespace newsarc::config
