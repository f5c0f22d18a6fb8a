// Compiled with the plan stage's own include path: the stages before it are visible.
#include "comreg/core/guid.hpp"
#include "comreg/model/description.hpp"
#include "comreg/plan/plan.hpp"

int comreg_plan_sees_earlier_stages() {
  return 0;
}
