// placeholder until the SDDL converter lands
#include "comreg/sddl.hpp"
namespace comreg {
SddlResult sddl_to_security_descriptor(std::string_view) { return {}; }
}  // namespace comreg
