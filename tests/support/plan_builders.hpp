// Hand-built plan operations for the emitter tests: a create-key and a set-value op.
#pragma once

#include <string>

#include "comreg/plan/plan.hpp"

namespace comreg::testing {

inline Operation key(std::string k, Ownership o = Ownership::owned) {
  Operation op;
  op.kind = OpKind::create_key;
  op.key = std::move(k);
  op.ownership = o;
  return op;
}

/// The first key of a tree another product may register too (Operation::shareable).
inline Operation shareable_key(std::string k, Ownership o = Ownership::owned) {
  Operation op = key(std::move(k), o);
  op.shareable = true;
  return op;
}

inline Operation value(std::string k, std::string name, RegValue v,
                       Ownership o = Ownership::owned) {
  Operation op;
  op.kind = OpKind::set_value;
  op.key = std::move(k);
  op.name = std::move(name);
  op.value = std::move(v);
  op.ownership = o;
  return op;
}

}  // namespace comreg::testing
