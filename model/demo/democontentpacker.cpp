#include "demo/democontentpacker.h"

#include "domain/classcountsencoding.h"

namespace lb::demo {

PreparedContent packContent(const std::string &json, const std::string &canonical, const SceneFacts &facts)
{
    PreparedContent content;
    content.digest = contentpacking::sha256Hex(json.data(), json.size());
    content.contentHash = contentpacking::sha256Hex(canonical.data(), canonical.size());
    content.objectCount = facts.objectCount;
    content.classificationCount = facts.classificationCount;
    QHash<QString, int> classCounts;
    for (const auto &[feature, count] : facts.classCounts)
        classCounts.insert(QString::fromStdString(feature), count);
    content.classCounts = encodeClassCounts(classCounts);
    content.compressed = contentpacking::compress(json.data(), json.size());
    return content;
}

} // namespace lb::demo
