#include "domain/boundedjson.h"

namespace lb::boundedjson {

bool withinDepth(const char *p, const char *end, int limit)
{
    int depth = 0;
    while (p < end) {
        switch (*p++) {
        case '"':
            while (p < end) {
                const char c = *p++;
                if (c == '"')
                    break;
                if (c == '\\' && p < end)
                    ++p;
            }
            break;
        case '{':
        case '[':
            if (++depth > limit)
                return false;
            break;
        case '}':
        case ']':
            --depth;
            break;
        default:
            break;
        }
    }
    return true;
}

QString tooDeep()
{
    return QStringLiteral("nested more than %1 levels deep").arg(kMaxDepth);
}

nlohmann::json parseOrDiscard(const char *begin, const char *end, bool *tooDeep)
{
    const bool deep = !withinDepth(begin, end);
    if (tooDeep)
        *tooDeep = deep;
    if (deep)
        return nlohmann::json(nlohmann::json::value_t::discarded);
    return nlohmann::json::parse(begin, end, nullptr, false);
}

} // namespace lb::boundedjson
