#include "demo/demomodalities.h"

#include "demo/demounitbuilder.h"
#include "domain/labelrowdocument.h"
#include "store/store.h"

#include <array>
#include <cmath>

// Rows in the formats of docs/encord-api.md §4: objects per slice or page for DICOM, NIfTI and PDF, ranges in
// object_answers for audio and text, children in `spaces` for a data group.

namespace lb::demo {

namespace {

using json = nlohmann::json;

struct ClassSpec
{
    const char *featureHash;
    const char *name;
    const char *shape;
    const char *color;
};

constexpr ClassSpec kLesion{"les10n00", "Lesion", "bounding_box", "#D33115"};
constexpr ClassSpec kOrgan{"0rgan000", "Organ", "polygon", "#16406C"};
constexpr ClassSpec kSpeech{"sp33ch00", "Speech", "audio", "#FE9200"};
constexpr ClassSpec kEntity{"ent1ty00", "Entity", "text", "#68BC00"};
constexpr std::array<ClassSpec, 4> kModalityClasses{kLesion, kOrgan, kSpeech, kEntity};

constexpr const char *kPerson = "radiologist@example.com";
constexpr const char *kModel = "model:detector-v1";
constexpr const char *kCreated = "Tue, 10 Nov 2026 09:00:00 UTC";

json objectOf(const std::string &hash, const ClassSpec &c, const char *author)
{
    std::string value = c.name;
    for (char &ch : value)
        ch = ch == ' ' ? '_' : char(std::tolower(static_cast<unsigned char>(ch)));
    return {{"objectHash", hash},    {"featureHash", c.featureHash},
            {"name", c.name},        {"value", value},
            {"color", c.color},      {"shape", c.shape},
            {"createdAt", kCreated}, {"createdBy", author},
            {"confidence", 1.0},     {"manualAnnotation", author == kPerson}};
}

json box(const std::string &hash, const char *author, double x, double y, double w, double h)
{
    json o = objectOf(hash, kLesion, author);
    o["boundingBox"] = {{"x", x}, {"y", y}, {"w", w}, {"h", h}};
    return o;
}

// A hexagon around the image centre whose size follows the slice, like an organ through a volume.
json outline(const std::string &hash, const char *author, double radius)
{
    json o = objectOf(hash, kOrgan, author);
    json points = json::object();
    for (int i = 0; i < 6; ++i) {
        const double angle = double(i) * 3.14159265358979 / 3.0;
        const double x = std::round((0.5 + radius * std::cos(angle)) * 10000.0) / 10000.0;
        const double y = std::round((0.5 + radius * 0.8 * std::sin(angle)) * 10000.0) / 10000.0;
        points[std::to_string(i)] = {{"x", x}, {"y", y}};
    }
    o["polygon"] = points;
    return o;
}

json rangeAnswer(const std::string &hash, const ClassSpec &c, const char *author, const json &range)
{
    json a = objectOf(hash, c, author);
    a.erase("confidence");
    a["classifications"] = json::array();
    if (range.is_object())
        a["range_html"] = json::array({range});
    else
        a["range"] = range;
    return a;
}

json frameOf(const json &objects)
{
    return {{"objects", objects}, {"classifications", json::array()}};
}

json unitJson(const DataUnit &unit, const char *mime, const json &labels)
{
    json u = {{"data_hash", unit.dataHash.toStdString()},
              {"data_title", unit.dataTitle.toStdString()},
              {"data_type", mime},
              {"data_sequence", 0},
              {"width", unit.width},
              {"height", unit.height},
              {"labels", labels}};
    if (unit.dataType.kind() != DataType::Dicom)
        u["data_link"] = nullptr;
    return u;
}

// Objects of every frame, and an object answer for each object.
json answersOf(const json &labels)
{
    json answers = json::object();
    for (const json &frame : labels) {
        for (const json &object : frame.value("objects", json::array())) {
            const std::string hash = object.at("objectHash").get<std::string>();
            answers[hash] = {{"objectHash", hash}, {"classifications", json::array()}};
        }
    }
    return answers;
}

class Builder
{
public:
    explicit Builder(quint64 seed) : m_seed(seed) {}

    json row(const DataUnit &unit, int branch, const json &units, const json &answers,
             const json &spaces = json::object()) const
    {
        return {{"label_hash", uuid(1000 + m_next * 4 + branch)},
                {"branch_name", branchNameTable()[size_t(branch)].toStdString()},
                {"created_at", "2026-11-10 09:00:00"},
                {"last_edited_at", branch == PreLabelsBranch ? "Wed, 18 Nov 2026 16:30:00 UTC"
                                                             : "Thu, 12 Nov 2026 11:45:00 UTC"},
                {"dataset_hash", uuid(3)},
                {"dataset_title", "Other modalities"},
                {"data_title", unit.dataTitle.toStdString()},
                {"data_hash", unit.dataHash.toStdString()},
                {"data_type", unit.dataType.labelRowName().toStdString()},
                {"label_status", branch == PreLabelsBranch ? "LABEL_IN_PROGRESS" : "LABELLED"},
                {"annotation_task_status", nullptr},
                {"is_valid", true},
                {"spaces", spaces},
                {"data_units", units},
                {"object_answers", answers},
                {"classification_answers", json::object()},
                {"object_actions", json::object()}};
    }

    DataUnit unit(const char *title, DataType::Kind kind, int width, int height, int frames)
    {
        ++m_next;
        DataUnit u;
        u.dataHash = QString::fromStdString(uuid(500 + m_next));
        u.dataTitle = QString::fromLatin1(title);
        u.dataType = DataType(kind);
        u.datasetHash = QString::fromStdString(uuid(3));
        u.datasetTitle = QStringLiteral("Other modalities");
        u.width = width;
        u.height = height;
        u.frameCount = frames;
        return u;
    }

    std::string uuid(int which) const { return projectUuid(m_seed, 1000 + which); }

private:
    quint64 m_seed;
    int m_next = 0;
};

// A volume or document whose labels are keyed by slice or page: a lesion box over a run of slices and an
// organ outline every fourth slice. The model's version moves the box on three slices, misses the last
// outline and adds a box where there is no lesion.
ModalityUnit framed(Builder &b, const char *title, DataType::Kind kind, const char *mime, int slices, int k)
{
    ModalityUnit out;
    out.unit = b.unit(title, kind, 512, 512, slices);
    const std::string lesion = "lesion-" + std::to_string(k);
    const std::string organ = "organ-" + std::to_string(k);
    const auto labels = [&](bool model) {
        json frames = json::object();
        const char *author = model ? kModel : kPerson;
        const auto at = [&](int s) -> json & {
            json &frame = frames[std::to_string(s)];
            if (frame.is_null())
                frame = frameOf(json::array());
            return frame;
        };
        const int first = std::min(slices / 3 + k, slices - 4);
        for (int s = first; s < std::min(first + 7, slices); ++s) {
            const double shift = model && s >= first + 2 && s <= first + 4 ? 0.015 : 0.0;
            at(s)["objects"].push_back(
                box(lesion, author, 0.40 + 0.005 * (s - first) + shift, 0.45, 0.08, 0.07));
        }
        for (int s = 4; s < slices; s += 4) {
            if (model && s + 4 >= slices)
                continue;
            const double radius = 0.12 + 0.1 * std::sin(3.14159265358979 * double(s) / double(slices));
            at(s)["objects"].push_back(outline(organ, author, std::round(radius * 1000.0) / 1000.0));
        }
        if (model)
            at(std::min(first + 10, slices - 1))["objects"].push_back(
                box("fp-" + std::to_string(k), author, 0.62, 0.30, 0.05, 0.05));
        return frames;
    };
    for (const bool model : {false, true}) {
        const json frames = labels(model);
        const json units = {{out.unit.dataHash.toStdString(), unitJson(out.unit, mime, frames)}};
        (model ? out.preLabels : out.main) =
            b.row(out.unit, model ? PreLabelsBranch : MainBranch, units, answersOf(frames));
    }
    return out;
}

// Ranges in object_answers (audio in milliseconds, text in characters): the model's version changes the
// first, drops the last and adds one.
ModalityUnit ranged(Builder &b, const char *title, DataType::Kind kind, const char *mime, const ClassSpec &c,
                    const QList<json> &ranges, const json &changed, const json &added, int k)
{
    ModalityUnit out;
    out.unit = b.unit(title, kind, 0, 0, 1);
    json unit = unitJson(out.unit, mime, json::object());
    unit.erase("width");
    unit.erase("height");
    if (kind == DataType::Audio) {
        unit["audio_codec"] = "pcm_s16le";
        unit["audio_sample_rate"] = 16000;
        unit["audio_num_channels"] = 1;
        unit["audio_bit_depth"] = 16;
    }
    const json units = {{out.unit.dataHash.toStdString(), unit}};
    for (const bool model : {false, true}) {
        const char *author = model ? kModel : kPerson;
        json answers = json::object();
        for (qsizetype i = 0; i < ranges.size(); ++i) {
            if (model && i + 1 == ranges.size() && ranges.size() > 2)
                continue;
            const std::string hash =
                std::string(c.featureHash).substr(0, 2) + std::to_string(k) + "-" + std::to_string(i);
            answers[hash] = rangeAnswer(hash, c, author, model && i == 0 ? changed : ranges.at(i));
        }
        if (model) {
            const std::string hash = std::string(c.featureHash).substr(0, 2) + std::to_string(k) + "-new";
            answers[hash] = rangeAnswer(hash, c, author, added);
        }
        (model ? out.preLabels : out.main) =
            b.row(out.unit, model ? PreLabelsBranch : MainBranch, units, answers);
    }
    return out;
}

// A data group: an image child and a text child in `spaces`; the model adds a box to the image.
ModalityUnit group(Builder &b)
{
    ModalityUnit out;
    out.unit = b.unit("site-visit-bundle", DataType::Group, 0, 0, 1);
    const json units = {
        {out.unit.dataHash.toStdString(), unitJson(out.unit, "application/json", json::object())}};
    for (const bool model : {false, true}) {
        const char *author = model ? kModel : kPerson;
        json objects = json::array({box("site-box-0", author, 0.2, 0.3, 0.15, 0.2)});
        if (model)
            objects.push_back(box("site-box-1", author, 0.6, 0.5, 0.1, 0.1));
        const json spaces = {{"front-camera", {{"space_type", "image"}, {"labels", frameOf(objects)}}},
                             {"notes", {{"space_type", "text"}, {"labels", frameOf(json::array())}}}};
        (model ? out.preLabels : out.main) =
            b.row(out.unit, model ? PreLabelsBranch : MainBranch, units, json::object(), spaces);
    }
    return out;
}

} // namespace

QList<ModalityUnit> modalityUnits(quint64 seed)
{
    Builder b(seed);
    QList<ModalityUnit> units;
    for (int k = 0; k < 3; ++k) {
        const std::string title = "ct-chest-00" + std::to_string(k + 1);
        units.append(framed(b, title.c_str(), DataType::Dicom, "application/dicom", 32 + 4 * k, k));
    }
    units.append(framed(b, "brain-t1.nii.gz", DataType::Nifti, "application/nifti", 24, 3));
    units.append(framed(b, "inspection-report.pdf", DataType::Pdf, "application/pdf", 6, 4));
    const QList<QList<json>> clips = {
        {json::parse("[[500, 4200]]"), json::parse("[[6000, 9100], [9800, 12000]]"),
         json::parse("[[15000, 21000]]")},
        {json::parse("[[0, 2500]]"), json::parse("[[3100, 8000]]"), json::parse("[[12000, 14500]]")},
        {json::parse("[[1200, 5200]]"), json::parse("[[7000, 7600]]")}};
    for (int k = 0; k < 3; ++k) {
        const std::string title = "support-call-0" + std::to_string(k + 1) + ".wav";
        units.append(ranged(b, title.c_str(), DataType::Audio, "audio/wav", kSpeech, clips.at(k),
                            json::parse("[[300, 4600]]"), json::parse("[[24000, 26500]]"), k));
    }
    units.append(ranged(b, "meeting-notes.txt", DataType::PlainText, "text/plain", kEntity,
                        {json::parse("[[10, 24]]"), json::parse("[[57, 71]]"), json::parse("[[120, 133]]")},
                        json::parse("[[10, 31]]"), json::parse("[[200, 212]]"), 0));
    const json para = {{"start", {{"node", "/html/body/p[1]"}, {"offset", 0}}},
                       {"end", {{"node", "/html/body/p[1]"}, {"offset", 12}}}};
    const json changedPara = {{"start", {{"node", "/html/body/p[1]"}, {"offset", 4}}},
                              {"end", {{"node", "/html/body/p[1]"}, {"offset", 18}}}};
    const json addedPara = {{"start", {{"node", "/html/body/p[3]"}, {"offset", 0}}},
                            {"end", {{"node", "/html/body/p[3]"}, {"offset", 9}}}};
    units.append(ranged(b, "release-notes.html", DataType::PlainText, "text/html", kEntity,
                        {para, json::parse("[[140, 152]]")}, changedPara, addedPara, 1));
    units.append(group(b));
    return units;
}

QList<OntologyObject> modalityClasses()
{
    QList<OntologyObject> classes;
    for (const ClassSpec &c : kModalityClasses)
        classes.append(OntologyObject{QString::fromLatin1(c.featureHash), QString::fromLatin1(c.name),
                                      QString::fromLatin1(c.shape), QString::fromLatin1(c.color)});
    return classes;
}

Result<std::array<int, 4>> writeModalityUnits(Store &store, quint64 seed)
{
    const QList<ModalityUnit> units = modalityUnits(seed);
    QList<DataUnit> dataUnits;
    std::array<QList<LabelRowDocument>, BranchCount> rows;
    for (const ModalityUnit &unit : units) {
        dataUnits.append(unit.unit);
        for (const auto &[branch, row] :
             {std::pair{MainBranch, unit.main}, std::pair{PreLabelsBranch, unit.preLabels},
              std::pair{ExportBranch, unit.main}}) {
            if (!row)
                continue;
            json copy = *row;
            copy["branch_name"] = branchNameTable()[size_t(branch)].toStdString();
            if (branch == ExportBranch)
                copy["label_hash"] = projectUuid(seed, 5000 + int(dataUnits.size()));
            Result<LabelRowDocument> document =
                LabelRowDocument::fromJson(copy, QStringLiteral("demo row of %1").arg(unit.unit.dataTitle));
            if (!document)
                return document.takeError();
            rows[size_t(branch)].append(std::move(document).value());
        }
    }
    if (Result<void> added = store.addDataUnits(dataUnits); !added)
        return added.takeError();
    std::array<int, 4> written{};
    for (size_t b = 0; b < rows.size(); ++b) {
        if (rows[b].isEmpty())
            continue;
        const Result<CopyBatchResult> batch = store.writeRows(0, branchNameTable()[b], rows[b], false);
        if (!batch)
            return batch.takeError();
        written[b] = int(rows[b].size());
    }
    return written;
}

} // namespace lb::demo
