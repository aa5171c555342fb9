#pragma once
// Internal to render: the templates of one build, compiled once. Partials
// ("{{> header}}" -> "partials/header.mustache") are inlined before compiling.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "base/base.h"
#include "render/render.h"

namespace newsarc::render {

/// The page templates a site needs; each must be in the TemplateSet.
const std::vector<std::string>& required_templates();

/// The compiled page templates of one build. Views are JSON: null and "" are
/// false, numbers become strings, and every list "x" comes with a boolean
/// "has_x" so templates can wrap non-empty lists.
class CompiledTemplates {
 public:
  /// Compiles the required templates (and checks every template in the set);
  /// reports each error as `render/template-error` at the template's file.
  CompiledTemplates(const TemplateSet& templates, base::Diagnostics& diags);
  ~CompiledTemplates();
  CompiledTemplates(const CompiledTemplates&) = delete;
  CompiledTemplates& operator=(const CompiledTemplates&) = delete;

  /// True when every template compiled.
  bool ok() const { return ok_; }
  /// Renders page template `name` with `view`; an error is reported and "" returned.
  std::string render(const std::string& name, const nlohmann::json& view,
                     base::Diagnostics& diags) const;

 private:
  struct Compiled;
  std::map<std::string, std::unique_ptr<Compiled>> compiled_;
  bool ok_ = true;
};

}  // namespace newsarc::render
