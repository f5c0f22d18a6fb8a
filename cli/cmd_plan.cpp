// comreg plan FILE: the registry operations a description means, as text or JSON.
#include <memory>

#include "commands.hpp"
#include "exit_codes.hpp"

namespace comreg::cli {

Command add_plan_command(CLI::App& app) {
  auto options = std::make_shared<CommonOptions>();
  CLI::App* sub = app.add_subcommand("plan", "Print the registry operations of a description");
  add_common_options(*sub, *options, /*registry=*/true, /*output=*/true);
  sub->footer(
      "Examples:\n  comreg plan widgets.json --define installdir=C:\\\\Contoso\n"
      "  comreg plan widgets.json -D installdir=C:\\\\Contoso --scope machine --view 32 "
      "--format json");
  return {sub, [options]() -> int {
            Description description;
            if (const int rc = load(*options, UndefinedPlaceholder::error, description);
                rc != exit_ok) {
              return rc;
            }
            const Plan plan = make_plan(description, options->plan_options());
            return emit(*options, options->output_format() == OutputFormat::json
                                      ? plan_to_json(plan)
                                      : plan_to_text(plan));
          }};
}

}  // namespace comreg::cli
