// Compiled with the plan stage's own include path, this must NOT build: apply comes after plan,
// so its headers are not on plan's include path (test architecture:back-arrow-refused).
#include "comreg/apply/apply.hpp"
#include "comreg/plan/plan.hpp"

int comreg_plan_includes_later_stage() {
  return 0;
}
