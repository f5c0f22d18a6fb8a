// Everything comreg's library offers, for a program that wants it all. Each stage's headers
// can also be included alone ("comreg/plan/plan.hpp"); docs/architecture.md lists the stages.
#pragma once

// core
#include "comreg/core/diagnostics.hpp"
#include "comreg/core/file_path.hpp"
#include "comreg/core/guid.hpp"
#include "comreg/core/output_file.hpp"
#include "comreg/core/registry_op.hpp"
#include "comreg/core/registry_scope.hpp"
#include "comreg/core/registry_value.hpp"

// model
#include "comreg/model/class_listings.hpp"
#include "comreg/model/description.hpp"
#include "comreg/model/description_members.hpp"
#include "comreg/model/manifest_model.hpp"
#include "comreg/model/progid.hpp"
#include "comreg/model/protected_identities.hpp"
#include "comreg/model/sddl.hpp"

// description
#include "comreg/description/description_loader.hpp"
#include "comreg/description/description_validator.hpp"
#include "comreg/description/description_writer.hpp"

// plan
#include "comreg/plan/manifest_plan.hpp"
#include "comreg/plan/plan.hpp"

// emit
#include "comreg/emit/application_settings.hpp"
#include "comreg/emit/installer_writers.hpp"
#include "comreg/emit/manifest_writer.hpp"
#include "comreg/emit/msix_writer.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "comreg/emit/selfreg_writer.hpp"

// store
#include "comreg/store/hive_backend.hpp"
#include "comreg/store/hive_file_commit.hpp"
#include "comreg/store/hive_header.hpp"
#include "comreg/store/hive_log_replay.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/store/registry_backend.hpp"
#include "comreg/store/registry_transaction.hpp"
#include "comreg/store/win32_backend.hpp"

// readers
#include "comreg/readers/manifest_folder.hpp"
#include "comreg/readers/manifest_merge.hpp"
#include "comreg/readers/manifest_reader.hpp"
#include "comreg/readers/pe_reader.hpp"
#include "comreg/readers/reg_reader.hpp"
#include "comreg/readers/rgs_reader.hpp"
#include "comreg/readers/typelib_description.hpp"
#include "comreg/readers/typelib_reader.hpp"

// apply
#include "comreg/apply/apply.hpp"
#include "comreg/apply/journal.hpp"
#include "comreg/apply/registrations.hpp"

// verify
#include "comreg/verify/verify.hpp"

// open
#include "comreg/open/registry_open.hpp"

// import
#include "comreg/import/import_source.hpp"
#include "comreg/import/importer.hpp"
#include "comreg/import/manifest_import.hpp"
#include "comreg/import/script_apply.hpp"

// lint
#include "comreg/lint/lint.hpp"

// audit
#include "comreg/audit/audit.hpp"

// check
#include "comreg/check/binary_check.hpp"
