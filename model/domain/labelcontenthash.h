#pragma once

#include "domain/dataunit.h"

#include <nlohmann/json.hpp>
#include <QString>
#include <string_view>

namespace lb {

// Lower-case hex SHA-256 over the canonical form of a label row's labels: the data units' labels,
// object_answers, classification_answers and object_actions. Identity, status, dataset fields, links and
// every createdAt / lastEditedAt are left out; object keys are sorted, numbers are written in one round-trip
// spelling (1 == 1.0), the objects of a frame form a set (their order is not significant), and empty label
// containers count as absent. `type` tells whether data units hold one frame (image, image group) or a map of
// frames (video).
QString labelContentHash(const nlohmann::json &row, DataType type);

// The first bytes of the hashed canonical form, for writers that produce the form themselves (the demo).
// Bumped whenever the canonical form changes, so hashes of different forms can never collide by accident.
inline constexpr std::string_view kCanonicalFormTag = "lb-labels-v1\n";

} // namespace lb
