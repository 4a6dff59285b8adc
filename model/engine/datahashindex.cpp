#include "engine/datahashindex.h"

#include <algorithm>
#include <cstring>
#include <openssl/evp.h>

namespace lb {

std::uint64_t DataHashIndex::fingerprint(const QString &hash)
{
    // The first 8 bytes of the SHA-256 of the UTF-16 text: an import cannot make a hash the project lacks
    // pass for one it has (that would take about 2^64 tries), and hashes of the project that share
    // fingerprints by chance are told apart by their text.
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(hash.constData(), std::size_t(hash.size()) * sizeof(QChar), digest, &length, EVP_sha256(),
               nullptr);
    std::uint64_t print = 0;
    std::memcpy(&print, digest, sizeof print);
    return print;
}

Result<void> DataHashIndex::build(const Listing &list)
{
    m_fingerprints.clear();
    m_shared.clear();
    m_exact.clear();
    if (auto listed = list([this](const QString &hash) { m_fingerprints.push_back(m_print(hash)); }); !listed)
        return listed;
    std::sort(m_fingerprints.begin(), m_fingerprints.end());
    for (std::size_t i = 1; i < m_fingerprints.size(); ++i) {
        if (m_fingerprints[i] == m_fingerprints[i - 1] &&
            (m_shared.empty() || m_shared.back() != m_fingerprints[i]))
            m_shared.push_back(m_fingerprints[i]);
    }
    if (m_shared.empty())
        return {};
    // A run of equal fingerprints owns as many indexes as it has hashes; each of its hashes takes one.
    QHash<std::uint64_t, qsizetype> next;
    for (std::uint64_t shared : m_shared) {
        const auto first = std::lower_bound(m_fingerprints.begin(), m_fingerprints.end(), shared);
        next.insert(shared, qsizetype(first - m_fingerprints.begin()));
    }
    return list([this, &next](const QString &hash) {
        const std::uint64_t print = m_print(hash);
        if (std::binary_search(m_shared.begin(), m_shared.end(), print) && !m_exact.contains(hash))
            m_exact.insert(hash, next[print]++);
    });
}

qsizetype DataHashIndex::indexOf(const QString &hash) const
{
    const std::uint64_t print = m_print(hash);
    if (std::binary_search(m_shared.begin(), m_shared.end(), print))
        return m_exact.value(hash, -1);
    const auto found = std::lower_bound(m_fingerprints.begin(), m_fingerprints.end(), print);
    if (found == m_fingerprints.end() || *found != print)
        return -1;
    return qsizetype(found - m_fingerprints.begin());
}

} // namespace lb
