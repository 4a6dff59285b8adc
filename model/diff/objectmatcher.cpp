#include "diff/objectmatcher.h"

#include "diff/shapesimilarity.h"

#include <algorithm>
#include <QHash>
#include <vector>

namespace lb {

namespace {

struct Candidate
{
    qsizetype source;
    qsizetype target;
    double score;
};

// One greedy pass over the objects still unpaired: candidates at or above the threshold, best first.
void greedyPass(const QList<ObjectAnnotation> &source, const QList<ObjectAnnotation> &target,
                const MatchOptions &options, MatchMethod method, std::vector<bool> &sourceTaken,
                std::vector<bool> &targetTaken, QList<ObjectMatch> &pairs)
{
    std::vector<Candidate> candidates;
    for (qsizetype s = 0; s < source.size(); ++s) {
        if (sourceTaken[std::size_t(s)])
            continue;
        for (qsizetype t = 0; t < target.size(); ++t) {
            if (targetTaken[std::size_t(t)])
                continue;
            const bool sameClass = source.at(s).featureHash == target.at(t).featureHash;
            if (sameClass != (method == MatchMethod::Geometry))
                continue;
            const std::optional<double> score =
                shapesimilarity::similarity(source.at(s).geometry, target.at(t).geometry, options.imageSize);
            if (score && *score >= options.threshold)
                candidates.push_back({s, t, *score});
        }
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate &a, const Candidate &b) { return a.score > b.score; });
    for (const Candidate &c : candidates) {
        if (sourceTaken[std::size_t(c.source)] || targetTaken[std::size_t(c.target)])
            continue;
        sourceTaken[std::size_t(c.source)] = true;
        targetTaken[std::size_t(c.target)] = true;
        pairs.append({c.source, c.target, method, c.score});
    }
}

} // namespace

ObjectMatching matchObjects(const QList<ObjectAnnotation> &source, const QList<ObjectAnnotation> &target,
                            const MatchOptions &options)
{
    ObjectMatching out;
    std::vector<bool> sourceTaken(std::size_t(source.size()), false);
    std::vector<bool> targetTaken(std::size_t(target.size()), false);

    QHash<QString, qsizetype> targetByHash;
    for (qsizetype t = target.size() - 1; t >= 0; --t) {
        if (!target.at(t).objectHash.isEmpty())
            targetByHash.insert(target.at(t).objectHash, t);
    }
    for (qsizetype s = 0; s < source.size(); ++s) {
        const auto t = targetByHash.constFind(source.at(s).objectHash);
        if (source.at(s).objectHash.isEmpty() || t == targetByHash.cend() || targetTaken[std::size_t(*t)])
            continue;
        sourceTaken[std::size_t(s)] = true;
        targetTaken[std::size_t(*t)] = true;
        out.pairs.append(
            {s, *t, MatchMethod::Hash,
             shapesimilarity::similarity(source.at(s).geometry, target.at(*t).geometry, options.imageSize)});
    }

    greedyPass(source, target, options, MatchMethod::Geometry, sourceTaken, targetTaken, out.pairs);
    if (options.classAgnostic)
        greedyPass(source, target, options, MatchMethod::ClassAgnostic, sourceTaken, targetTaken, out.pairs);

    for (qsizetype s = 0; s < source.size(); ++s) {
        if (!sourceTaken[std::size_t(s)])
            out.unmatchedSource.append(s);
    }
    for (qsizetype t = 0; t < target.size(); ++t) {
        if (!targetTaken[std::size_t(t)])
            out.unmatchedTarget.append(t);
    }
    return out;
}

} // namespace lb
