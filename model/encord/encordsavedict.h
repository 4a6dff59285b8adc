#pragma once

#include <nlohmann/json.hpp>
#include <QString>

namespace lb {

// Builds the label-row dict that labelrow/POST (save) expects (docs/encord-api.md §4.2, §6.1 step 7): the
// labels of one row put under the identity of another (possibly the same) row.
class EncordSaveDict
{
public:
    // Labels (data units, answers, actions, spaces) from `content`; label hash, branch, timestamps and
    // statuses from `identity`, a row dict of the row being written as Encord returned it.
    static nlohmann::ordered_json build(const nlohmann::json &content, const nlohmann::json &identity,
                                        const QString &branch, bool isShadowData = false);
    // The row without any labels: every frame, data-group child and answer dictionary emptied, media
    // fields kept.
    static nlohmann::json emptied(const nlohmann::json &row);
};

} // namespace lb
