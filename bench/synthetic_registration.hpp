// The bench's synthetic description, loaded and planned for install at machine scope: what the
// apply and hive benches register and take away again.
#pragma once

#include <cstddef>
#include <cstdio>
#include <cstdlib>

#include "comreg/apply/apply.hpp"
#include "comreg/description/description_loader.hpp"
#include "comreg/plan/plan.hpp"
#include "synthetic_description.hpp"

namespace comreg::bench {

/// A plan and the options an install of it takes (the owner is the assembly).
struct SyntheticRegistration {
  Plan plan;
  ApplyOptions options;
};

/// `classes` classes of synthetic_description, planned for HKLM's 64-bit view. Exits with 2
/// if the description does not validate (the bench would measure nothing).
inline SyntheticRegistration synthetic_registration(std::size_t classes) {
  LoadOptions load;
  load.defines["installdir"] = "C:\\Program Files\\Synthetic";
  auto loaded = load_description(synthetic_description(classes), "synthetic.json", load);
  if (!loaded.description) {
    std::fprintf(stderr, "the synthetic description does not validate\n");
    std::exit(2);
  }
  SyntheticRegistration r;
  r.plan = make_plan(*loaded.description, {Scope::machine, View::v64});
  r.options.owner = loaded.description->assembly.name + " " + loaded.description->assembly.version;
  return r;
}

}  // namespace comreg::bench
