// placeholder until the .reg writer lands
#include "comreg/reg_writer.hpp"
namespace comreg {
RegWriteResult write_reg(const Plan&, const RegWriteOptions&) { return {}; }
}  // namespace comreg
