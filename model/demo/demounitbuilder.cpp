#include "demo/demounitbuilder.h"

#include "demo/demoedits.h"
#include "demo/demogenerator.h"
#include "domain/branchname.h"

#include <algorithm>
#include <QDateTime>
#include <QTimeZone>

namespace lb::demo {

using json = nlohmann::json;

const std::array<QString, BranchCount> &branchNameTable()
{
    static const std::array<QString, BranchCount> names = {kMainBranch, DemoGenerator::preLabelsBranch(),
                                                           DemoGenerator::exportBranch(),
                                                           DemoGenerator::reviewBranch()};
    return names;
}

std::string projectUuid(quint64 seed, int which)
{
    Random rng(streamSeed(seed, static_cast<quint64>(which), Stream::Project));
    return uuidFrom(rng);
}

namespace {

int digitsOf(int n)
{
    int digits = 1;
    while (n >= 10) {
        n /= 10;
        ++digits;
    }
    return digits;
}

std::string padded(int value, int width)
{
    std::string s = std::to_string(value);
    if (static_cast<int>(s.size()) < width)
        s.insert(0, static_cast<size_t>(width - static_cast<int>(s.size())), '0');
    return s;
}

constexpr int kImagesPerCamera = 25;
constexpr int kImagesPerDrive = kImagesPerCamera * 4;

enum class PreKind
{
    None,
    Same,
    Missing,
    Extra,
    Moved,
    Relabelled,
    OnlyOnPreLabels
};
enum class ExportKind
{
    Absent,
    Same,
    Older
};
enum class ReviewKind
{
    None,
    Copy,
    Edited
};

struct UnitPlan
{
    bool onMain = true;
    PreKind pre = PreKind::Same;
    ExportKind exported = ExportKind::Same;
    ReviewKind review = ReviewKind::None;
};

UnitPlan planFor(Random &rng)
{
    UnitPlan plan;
    plan.onMain = rng.chance(0.92);
    if (!plan.onMain) {
        plan.pre = rng.chance(0.5) ? PreKind::OnlyOnPreLabels : PreKind::None;
        plan.exported = ExportKind::Absent;
        return plan;
    }
    const double r = rng.unit();
    plan.pre = r < 0.665   ? PreKind::Same
               : r < 0.75  ? PreKind::Missing
               : r < 0.835 ? PreKind::Extra
               : r < 0.92  ? PreKind::Moved
                           : PreKind::Relabelled;
    const double e = rng.unit();
    plan.exported = e < 0.04 ? ExportKind::Absent : e < 0.16 ? ExportKind::Older : ExportKind::Same;
    if (rng.chance(0.10))
        plan.review = rng.chance(0.4) ? ReviewKind::Edited : ReviewKind::Copy;
    return plan;
}

const qint64 kModelRun = epochOf(2026, 9, 28, 2);
const qint64 kLabellingStart = epochOf(2026, 10, 1, 8);
const qint64 kSnapshotTaken = epochOf(2026, 11, 20, 9);
const qint64 kAfterSnapshot = epochOf(2026, 11, 21, 8);
const qint64 kReviewStart = epochOf(2026, 12, 7, 9);

qint64 someTime(Random &rng, qint64 from, qint64 days)
{
    return from + rng.between(0, static_cast<int>(days * kDay / 60)) * 60;
}

Result<LabelRowDocument> toDocument(const std::string &row, int index)
{
    try {
        return LabelRowDocument::fromJson(json::parse(row), QStringLiteral("demo data unit %1").arg(index));
    } catch (const std::exception &e) {
        return fail(QStringLiteral("demo data unit %1: %2").arg(index).arg(QString::fromUtf8(e.what())));
    }
}

QDateTime utcTime(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc());
}

} // namespace

UnitInfo DemoUnitBuilder::unitInfo(int index) const
{
    const int n = generator.size();
    const int videos = generator.videoCount();
    const qint64 i = index;
    const int videosBefore = static_cast<int>(i * videos / n);
    const bool video = (i + 1) * videos / n > videosBefore;

    Random rng(streamSeed(generator.seed(), static_cast<quint64>(index), Stream::Identity));
    UnitInfo u;
    u.index = index;
    u.video = video;
    u.dataHash = uuidFrom(rng);
    for (std::string &labelHash : u.labelHashes)
        labelHash = uuidFrom(rng);

    const int images = n - videos;
    const int driveDigits = std::max(2, digitsOf(std::max(images / kImagesPerDrive + 1, videos / 4 + 1)));
    int camera = 0;
    if (video) {
        const int k = videosBefore;
        camera = k % 4;
        u.title = "drive-" + padded(k / 4 + 1, driveDigits) + "/" + kCameras[camera] + ".mp4";
        u.frames = rng.between(30, n <= DemoGenerator::kDenseSceneLimit ? 120 : 60);
        u.fps = 10.0;
    } else {
        const int j = index - videosBefore;
        camera = (j % kImagesPerDrive) / kImagesPerCamera;
        const int frameNumber = (j % kImagesPerCamera) * 40 + rng.between(0, 39);
        u.title = "drive-" + padded(j / kImagesPerDrive + 1, driveDigits) + "/" + kCameras[camera] + "/" +
                  padded(frameNumber, 6) + ".jpg";
    }
    const bool wide = camera == 0 || camera == 3; // front and rear cameras are full HD
    u.width = wide ? 1920 : 1280;
    u.height = wide ? 1080 : 720;
    return u;
}

namespace {

// When each row was created and last edited, who edited main, and main's status.
struct UnitTimes
{
    qint64 modelAt = 0;
    std::string annotator;
    qint64 mainCreated = 0;
    qint64 mainEdited = 0;
    qint64 snapshotEdited = 0; // what main looked like when the snapshot was taken
    std::string mainStatus;
    qint64 reviewCreated = 0;
    qint64 reviewEdited = 0;
};

UnitTimes unitTimes(Random &timeRng, const UnitPlan &plan)
{
    UnitTimes t;
    t.modelAt = kModelRun + timeRng.between(0, 3 * 3600);
    t.annotator = kAnnotators[timeRng.between(0, 3)];
    qint64 mainCreated = someTime(timeRng, kLabellingStart, 44);
    qint64 mainEdited = mainCreated + timeRng.between(0, 5 * 24) * kHour + timeRng.between(0, 59) * 60;
    mainEdited = std::min(mainEdited, kSnapshotTaken - kHour);
    t.snapshotEdited = mainEdited;
    if (plan.exported == ExportKind::Older)
        mainEdited = someTime(timeRng, kAfterSnapshot, 14);
    if (plan.exported == ExportKind::Absent && plan.onMain) {
        mainCreated = someTime(timeRng, kAfterSnapshot, 10);
        mainEdited = mainCreated + timeRng.between(0, 72) * kHour;
    }
    t.mainCreated = mainCreated;
    t.mainEdited = mainEdited;
    static const char *const mainStatuses[] = {"LABELLED", "LABELLED", "REVIEWED", "LABEL_IN_PROGRESS",
                                               "REVIEWED"};
    t.mainStatus = mainStatuses[timeRng.between(0, 4)];
    t.reviewCreated = someTime(timeRng, kReviewStart, 2);
    t.reviewEdited = t.reviewCreated + timeRng.between(1, 72) * kHour;
    return t;
}

SceneContext sceneContext(const UnitInfo &unit, bool dense, Random &sceneRng)
{
    SceneContext ctx;
    ctx.frames = unit.frames;
    ctx.aspect = static_cast<double>(unit.height) / unit.width;
    ctx.dense = dense;
    ctx.road.horizon = sceneRng.range(0.42, 0.52);
    ctx.road.vanishX = sceneRng.range(0.42, 0.58);
    ctx.road.bottomLeft = sceneRng.range(-0.1, 0.15);
    ctx.road.bottomRight = sceneRng.range(0.85, 1.1);
    ctx.drift = unit.video ? sceneRng.range(-0.08, 0.08) : 0.0;
    return ctx;
}

// main was initialised from the predictions; a third of its rows were then corrected by annotators (or
// the predictions had false positives the annotators removed).
void correctMain(PreKind kind, Random &fixRng, const SceneContext &ctx, const Author &model,
                 const UnitTimes &times, Scene &pre, Scene &main)
{
    const Author fixer{times.annotator, 1.0, true, times.mainEdited};
    switch (kind) {
    case PreKind::Missing:
        addObjects(fixRng, main, ctx, fixer, fixRng.between(1, 2));
        break;
    case PreKind::Extra: {
        const Author falsePositive{model.who, 0.3, false, model.at};
        const int count = fixRng.between(1, 2);
        for (int k = 0; k < count; ++k) {
            DemoObject o =
                makeObject(fixRng.chance(0.5) ? Pedestrian : TrafficSign, fixRng, ctx, falsePositive);
            o.confidence = round2(fixRng.range(0.3, 0.55));
            pre.objects.push_back(std::move(o));
        }
        break;
    }
    case PreKind::Relabelled:
        if (relabelOne(fixRng, main, times.annotator, times.mainEdited))
            break;
        [[fallthrough]];
    case PreKind::Moved:
        if (moveOne(fixRng, main, times.annotator, times.mainEdited))
            break;
        addObjects(fixRng, main, ctx, fixer, 1);
        break;
    default:
        break;
    }
}

// The model's own object hashes on pre-labels-v1: a track keeps its new hash on every frame.
void giveFreshHashes(Scene &scene, Random &hashRng)
{
    for (DemoObject &object : scene.objects)
        object.hash = shortHash(hashRng);
}

// main was edited after the snapshot: the snapshot still lacks an object added later, or has a box where it
// was before it was adjusted.
Scene olderScene(const Scene &main, Random &exportRng, const UnitTimes &times)
{
    Scene older = main;
    const bool removed = exportRng.chance(0.5) && removeOne(exportRng, older);
    if (!removed && !moveOne(exportRng, older, times.annotator, times.snapshotEdited))
        changeClassification(exportRng, older, 0, times.annotator, times.snapshotEdited);
    return older;
}

// The reviewer moved a box, added a pedestrian or changed the weather.
Scene reviewedScene(const Scene &main, Random &reviewRng, const SceneContext &ctx, const UnitTimes &times)
{
    Scene reviewed = main;
    const std::string alice = DemoGenerator::reviewer().toStdString();
    const double r = reviewRng.unit();
    bool done = false;
    if (r < 0.4) {
        done = moveOne(reviewRng, reviewed, alice, times.reviewEdited);
    } else if (r < 0.7) {
        const Author author{alice, 1.0, true, times.reviewEdited};
        reviewed.objects.push_back(makeObject(Pedestrian, reviewRng, ctx, author));
        done = true;
    }
    if (!done)
        changeClassification(reviewRng, reviewed, 0, alice, times.reviewEdited);
    return reviewed;
}

// Fills a UnitRender branch by branch: rendered from a scene, or showing main's content.
class UnitRows
{
public:
    UnitRows(const UnitInfo &unit, const DemoUnitBuilder &builder, UnitRender &out)
        : m_builder(builder), m_out(out)
    {
        m_out.unit = unit;
    }

    void render(int branch, const Scene &scene, const std::string &status, qint64 created, qint64 edited)
    {
        const size_t b = static_cast<size_t>(branch);
        m_out.rows[b] = meta(branch, status, created, edited);
        m_out.contentOf[b] = branch;
        m_out.contents[b] = RenderedContent{
            rowJson(m_out.unit, m_builder.datasetHash, m_builder.datasetTitle, scene, *m_out.rows[b]),
            canonicalLabels(m_out.unit, scene), factsOf(scene)};
    }

    // Most rows on the other branches have main's labels: they show main's content under their own identity.
    void reuseMain(int branch, const std::string &status, qint64 created, qint64 edited)
    {
        m_out.rows[static_cast<size_t>(branch)] = meta(branch, status, created, edited);
        m_out.contentOf[static_cast<size_t>(branch)] = MainBranch;
    }

private:
    RowMeta meta(int branch, const std::string &status, qint64 created, qint64 edited) const
    {
        return RowMeta{m_out.unit.labelHashes[static_cast<size_t>(branch)],
                       branchNameTable()[static_cast<size_t>(branch)].toStdString(), status, created, edited};
    }

    const DemoUnitBuilder &m_builder;
    UnitRender &m_out;
};

} // namespace

UnitRender DemoUnitBuilder::render(int index) const
{
    UnitRender out;
    UnitRows rows(unitInfo(index), *this, out);
    const UnitInfo &unit = out.unit;
    const quint64 seed = generator.seed();
    const quint64 unitKey = static_cast<quint64>(index);

    Random planRng(streamSeed(seed, unitKey, Stream::Plan));
    const UnitPlan plan = planFor(planRng);
    if (!plan.onMain && plan.pre == PreKind::None)
        return out;

    Random timeRng(streamSeed(seed, unitKey, Stream::Times));
    const UnitTimes times = unitTimes(timeRng, plan);
    Random sceneRng(streamSeed(seed, unitKey, Stream::Scene));
    const SceneContext ctx =
        sceneContext(unit, generator.size() <= DemoGenerator::kDenseSceneLimit, sceneRng);
    const Author model{DemoGenerator::modelAuthor().toStdString(), 0.3, false, times.modelAt};
    const Scene base = predictionScene(sceneRng, ctx, model);
    Scene pre = base;
    Scene main = base;
    Random fixRng(streamSeed(seed, unitKey, Stream::Correction));
    correctMain(plan.pre, fixRng, ctx, model, times, pre, main);

    if (generator.freshPreLabelHashes()) {
        Random hashRng(streamSeed(seed, unitKey, Stream::PreLabelHashes));
        giveFreshHashes(pre, hashRng);
    }

    const std::string preStatus = "LABEL_IN_PROGRESS";
    if (!plan.onMain) {
        rows.render(PreLabelsBranch, pre, preStatus, times.modelAt, times.modelAt);
        return out;
    }
    rows.render(MainBranch, main, times.mainStatus, times.mainCreated, times.mainEdited);
    if (plan.pre == PreKind::Same && !generator.freshPreLabelHashes())
        rows.reuseMain(PreLabelsBranch, preStatus, times.modelAt, times.modelAt);
    else
        rows.render(PreLabelsBranch, pre, preStatus, times.modelAt, times.modelAt);

    if (plan.exported == ExportKind::Same) {
        rows.reuseMain(ExportBranch, times.mainStatus, kSnapshotTaken, times.snapshotEdited);
    } else if (plan.exported == ExportKind::Older) {
        Random exportRng(streamSeed(seed, unitKey, Stream::Export));
        rows.render(ExportBranch, olderScene(main, exportRng, times), "LABEL_IN_PROGRESS", kSnapshotTaken,
                    times.snapshotEdited);
    }

    if (plan.review == ReviewKind::Copy) {
        rows.reuseMain(ReviewBranch, "REVIEW_IN_PROGRESS", times.reviewCreated, times.reviewCreated);
    } else if (plan.review == ReviewKind::Edited) {
        Random reviewRng(streamSeed(seed, unitKey, Stream::Review));
        rows.render(ReviewBranch, reviewedScene(main, reviewRng, ctx, times), "REVIEWED", times.reviewCreated,
                    times.reviewEdited);
    }
    return out;
}

UnitDocs DemoUnitBuilder::build(int index) const
{
    UnitRender rendered = render(index);
    UnitDocs out;
    // Rendered rows first: the others are copies of main's document.
    for (size_t b = 0; b < out.docs.size() && out.error.isEmpty(); ++b) {
        if (!rendered.contents[b])
            continue;
        auto doc = toDocument(rendered.contents[b]->json, index);
        if (!doc)
            out.error = doc.error();
        else
            out.docs[b] = std::move(doc).value();
    }
    for (size_t b = 0; b < out.docs.size() && out.error.isEmpty(); ++b) {
        const std::optional<RowMeta> &meta = rendered.rows[b];
        if (!meta || rendered.contents[b])
            continue;
        LabelRowDocument doc = *out.docs[static_cast<size_t>(rendered.contentOf[b])];
        doc.setLabelHash(QString::fromStdString(meta->labelHash));
        doc.setBranchName(QString::fromStdString(meta->branch));
        doc.setLabelStatus(QString::fromStdString(meta->status));
        doc.setTimestamps(utcTime(meta->createdAt), utcTime(meta->editedAt));
        out.docs[b] = std::move(doc);
    }
    return out;
}

DataUnit DemoUnitBuilder::dataUnit(const UnitInfo &u) const
{
    DataUnit d;
    d.dataHash = QString::fromStdString(u.dataHash);
    d.dataTitle = QString::fromStdString(u.title);
    d.dataType = u.video ? DataType::Video : DataType::Image;
    d.datasetHash = QString::fromStdString(datasetHash);
    d.datasetTitle = QString::fromStdString(datasetTitle);
    d.width = u.width;
    d.height = u.height;
    d.frameCount = u.frames;
    d.fps = u.fps;
    return d;
}

} // namespace lb::demo
