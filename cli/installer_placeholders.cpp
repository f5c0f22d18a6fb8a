#include "installer_placeholders.hpp"

#include <set>
#include "cli_error.hpp"
#include "command_io.hpp"

namespace comreg::cli {
namespace {

// NAME=VALUE items -> map (the option's check has vetted them).
std::map<std::string, std::string> to_map(const std::vector<std::string>& items) {
  std::map<std::string, std::string> out;
  for (const auto& item : items) {
    const auto eq = item.find('=');
    out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return out;
}

// Loads options.file with every placeholder in `symbolic` kept as structure in the model.
Description load_symbolic(const CommonOptions& options, const std::vector<std::string>& symbolic) {
  std::set<std::string> names;
  for (const auto& name : symbolic) {
    for (const auto& d : options.defines) {
      if (d.substr(0, d.find('=')) == name) {
        fail("placeholder '" + name +
             "' is given both a --define and an installer reference; use one");
      }
    }
    names.insert(name);
  }
  return load(options, UndefinedPlaceholder::error, false, names);
}

}  // namespace

EmitterInput plan_with_references(const CommonOptions& options,
                                  const std::vector<std::string>& references) {
  EmitterInput in;
  in.references = to_map(references);
  std::vector<std::string> symbolic;
  for (const auto& [placeholder, reference] : in.references) symbolic.push_back(placeholder);
  in.description = load_symbolic(options, symbolic);
  in.plan = make_plan(in.description, options.plan_options());
  return in;
}

EmitterInput plan_for_selfreg(const CommonOptions& options) {
  EmitterInput in;
  in.description = load_symbolic(options, {"installdir"});
  in.plan = make_plan(in.description, options.plan_options());
  return in;
}

}  // namespace comreg::cli
