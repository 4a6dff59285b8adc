#include "modalityrows.h"

#include "domain/bitmaskrle.h"

#include <cmath>
#include <numbers>

namespace lb::test {

using json = nlohmann::json;

namespace {

json object(const char *hash, const QString &feature, const char *shape, const json &geometryKey,
            const json &geometry)
{
    json o = {{"objectHash", hash},
              {"featureHash", feature.toStdString()},
              {"name", "thing"},
              {"value", "thing"},
              {"color", "#D33115"},
              {"shape", shape},
              {"createdAt", "Thu, 09 Feb 2023 14:12:03 UTC"},
              {"createdBy", "annotator@example.com"},
              {"confidence", 1},
              {"manualAnnotation", true}};
    o[geometryKey.get<std::string>()] = geometry;
    return o;
}

json box(const char *hash, const QString &feature, double x)
{
    return object(hash, feature, "bounding_box", "boundingBox",
                  {{"x", x}, {"y", 0.1}, {"w", 0.2}, {"h", 0.3}});
}

json frame(const json &objects)
{
    return {{"objects", objects}, {"classifications", json::array()}};
}

json unit(const QString &hash, const char *title, const char *mime, const json &labels,
          const json &sequence = 0)
{
    return {{"data_hash", hash.toStdString()},
            {"data_title", title},
            {"data_type", mime},
            {"data_sequence", sequence},
            {"data_link", nullptr},
            {"width", 512},
            {"height", 512},
            {"labels", labels}};
}

json row(int i, const char *type, const json &units, const json &objectAnswers = json::object())
{
    const QString hash = modalityUnitHash(i);
    return {{"label_hash",
             QStringLiteral("1abe1000-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0')).toStdString()},
            {"branch_name", "main"},
            {"created_at", "2023-02-09 14:12:03"},
            {"last_edited_at", "Thu, 09 Feb 2023 15:00:00 UTC"},
            {"dataset_hash", "da7a5e70-0000-4000-8000-000000000001"},
            {"dataset_title", "Every modality"},
            {"data_title", QStringLiteral("unit-%1").arg(i).toStdString()},
            {"data_hash", hash.toStdString()},
            {"data_type", type},
            {"label_status", "LABELLED"},
            {"annotation_task_status", nullptr},
            {"is_valid", true},
            {"spaces", json::object()},
            {"data_units", units},
            {"object_answers", objectAnswers},
            {"classification_answers", json::object()},
            {"object_actions", json::object()}};
}

json unitMap(const json &u)
{
    return json{{u.at("data_hash").get<std::string>(), u}};
}

// Frames 0, 2 and 5: "a" on 0 and 5, "b" on 2 and 5.
json framedLabels(const QString &feature)
{
    return {{"0", frame(json::array({box("a", feature, 0.1)}))},
            {"2", frame(json::array({box("b", kCarHash, 0.4)}))},
            {"5", frame(json::array({box("a", feature, 0.2), box("b", kCarHash, 0.5)}))}};
}

json rangeAnswer(const char *hash, const QString &feature, const char *shape, const json &range)
{
    json a = {{"objectHash", hash},
              {"featureHash", feature.toStdString()},
              {"name", "speech"},
              {"value", "speech"},
              {"color", "#16406C"},
              {"shape", shape},
              {"createdBy", "annotator@example.com"},
              {"createdAt", "Thu, 09 Feb 2023 14:12:03 UTC"},
              {"manualAnnotation", true},
              {"classifications", json::array()}};
    if (range.is_object())
        a["range_html"] = json::array({range});
    else
        a["range"] = range;
    return a;
}

// A polygon of ten points on an ellipse: a lesion outline on a slice.
json ring(const char *hash, const QString &feature, double cx, double cy, double r)
{
    json points = json::object();
    json flat = json::array();
    for (int i = 0; i < 10; ++i) {
        const double angle = i * 2 * std::numbers::pi / 10;
        const double x = cx + r * std::cos(angle), y = cy + r * 0.8 * std::sin(angle);
        points[std::to_string(i)] = {{"x", x}, {"y", y}};
        flat.push_back(x);
        flat.push_back(y);
    }
    json o = object(hash, feature, "polygon", "polygon", points);
    o["polygons"] = json::array({json::array({flat})});
    return o;
}

// A mask of width × height with an ellipse set, as Encord writes it.
json ellipseMask(const char *hash, const QString &feature, int width, int height, double cx, double cy,
                 double rx, double ry)
{
    QByteArray pixels(width * height, '\0');
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const double dx = (x - cx) / rx, dy = (y - cy) / ry;
            pixels[y * width + x] = dx * dx + dy * dy <= 1.0 ? 1 : 0;
        }
    }
    return object(hash, feature, "bitmask", "bitmask",
                  {{"top", 0},
                   {"left", 0},
                   {"width", width},
                   {"height", height},
                   {"rleString", encodeBitmask(pixels).toStdString()}});
}

json answersFor(const json &objects)
{
    json answers = json::object();
    for (const json &o : objects)
        answers[o.at("objectHash").get<std::string>()] = {{"objectHash", o.at("objectHash")},
                                                          {"classifications", json::array()}};
    return answers;
}

} // namespace

QString caseDataHash(const ModalityCase &c)
{
    return QString::fromStdString(c.row.at("data_hash").get<std::string>());
}

QHash<QString, DataType> unitTypesOf(Store &store)
{
    QHash<QString, DataType> types;
    const Result<QList<DataUnit>> units = store.dataUnits();
    if (units) {
        for (const DataUnit &unit : units.value())
            types.insert(unit.dataHash, unit.dataType);
    }
    return types;
}

QString modalityUnitHash(int i)
{
    return QStringLiteral("0da7a000-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0'));
}

json everyShapeRow()
{
    const QString h = modalityUnitHash(99);
    json objects = json::array();
    objects.push_back(box("s-box", kCarHash, 0.1));
    objects.push_back(object("s-rbox", kCarHash, "rotatable_bounding_box", "rotatableBoundingBox",
                             {{"x", 0.2}, {"y", 0.2}, {"w", 0.1}, {"h", 0.1}, {"theta", 19.5}}));
    objects.push_back(object(
        "s-poly", kLesionHash, "polygon", "polygon",
        {{"0", {{"x", 0.1}, {"y", 0.1}}}, {"1", {{"x", 0.2}, {"y", 0.1}}}, {"2", {{"x", 0.2}, {"y", 0.2}}}}));
    objects.back()["polygons"] = json::parse("[[[0.1, 0.1, 0.2, 0.1, 0.2, 0.2]]]");
    objects.push_back(object("s-line", kLesionHash, "polyline", "polyline",
                             {{"0", {{"x", 0.1}, {"y", 0.1}}}, {"1", {{"x", 0.3}, {"y", 0.3}}}}));
    objects.push_back(object("s-point", kLesionHash, "point", "point", {{"0", {{"x", 0.5}, {"y", 0.6}}}}));
    objects.push_back(
        object("s-skel", kCarHash, "skeleton", "skeleton",
               {{"0", {{"x", 0.1}, {"y", 0.2}, {"name", "head"}, {"visibility", "visible"}}},
                {"1", {{"x", 0.1}, {"y", 0.4}, {"name", "foot"}, {"visibility", "occluded"}}}}));
    objects.push_back(
        object("s-mask", kLesionHash, "bitmask", "bitmask",
               {{"top", 0}, {"left", 0}, {"width", 512}, {"height", 512}, {"rleString", "c0`02N2N0O1"}}));
    objects.push_back(object(
        "s-cube", kCarHash, "cuboid", "cuboid",
        {{"position", {1.0, 2.0, 0.5}}, {"orientation", {0.0, 0.0, 1.57}}, {"size", {4.2, 1.8, 1.5}}}));
    objects.push_back(object("s-cube2d", kCarHash, "cuboid_2d", "cuboid_2d",
                             {{"front", {0.1, 0.1, 0.3, 0.1, 0.3, 0.3, 0.1, 0.3}},
                              {"vanishingPoint", {{"x", 0.8}, {"y", 0.5}}},
                              {"scaleRatio", 0.75}}));
    json r = row(99, "image", unitMap(unit(h, "shapes.jpg", "image/jpeg", frame(objects))));
    json answers = json::object();
    for (const json &o : objects)
        answers[o.at("objectHash").get<std::string>()] = {{"objectHash", o.at("objectHash")},
                                                          {"classifications", json::array()}};
    r["object_answers"] = answers;
    return r;
}

QList<ModalityCase> modalityCases()
{
    QList<ModalityCase> cases;
    const auto add = [&](const QString &name, const json &r, int objects, QHash<QString, int> classes,
                         int frames) {
        const QString typeName = QString::fromStdString(r.at("data_type").get<std::string>());
        DataType unitType;
        DataType::parse(typeName, &unitType);
        cases.append({name, r, typeName, objects, std::move(classes), frames, unitType});
    };
    int i = 0;

    // image: two objects of one class, one of another.
    ++i;
    add(QStringLiteral("image"),
        row(i, "image",
            unitMap(unit(modalityUnitHash(i), "a.jpg", "image/jpeg",
                         frame(json::array({box("i1", kCarHash, 0.1), box("i2", kCarHash, 0.5),
                                            box("i3", kLesionHash, 0.7)}))))),
        3, {{kCarHash, 2}, {kLesionHash, 1}}, 1);

    // img_group: "g1" on both images counts once; data_sequence as strings.
    {
        json units = json::object();
        const json u0 = unit(QStringLiteral("9a000000-0000-4000-8000-000000000001"), "g0.jpg", "image/jpeg",
                             frame(json::array({box("g1", kCarHash, 0.1)})), "0");
        const json u1 =
            unit(QStringLiteral("9a000000-0000-4000-8000-000000000002"), "g1.jpg", "image/jpeg",
                 frame(json::array({box("g1", kCarHash, 0.2), box("g2", kLesionHash, 0.3)})), "1");
        units[u0.at("data_hash").get<std::string>()] = u0;
        units[u1.at("data_hash").get<std::string>()] = u1;
        add(QStringLiteral("img_group"), row(++i, "img_group", units), 2, {{kCarHash, 1}, {kLesionHash, 1}},
            2);
    }

    // The frame-keyed types: "a" and "b", 6 frames (0 to 5).
    const std::pair<const char *, DataType::Kind> framed[] = {{"video", DataType::Video},
                                                              {"dicom", DataType::Dicom},
                                                              {"nifti", DataType::Nifti},
                                                              {"pdf", DataType::Pdf},
                                                              {"scene", DataType::Scene}};
    for (const auto &[type, kind] : framed) {
        json labels = framedLabels(kLesionHash);
        if (kind == DataType::Dicom)
            labels["0"]["metadata"] = {{"dicom_instance_uid", "1.2.3"}, {"multiframe_frame_number", nullptr}};
        ++i;
        add(QString::fromLatin1(type),
            row(i, type, unitMap(unit(modalityUnitHash(i), "series", "application/dicom", labels))), 2,
            {{kLesionHash, 1}, {kCarHash, 1}}, 6);
    }

    // audio: objects live in object_answers with millisecond ranges; labels are empty.
    {
        ++i;
        json u = unit(modalityUnitHash(i), "call.wav", "audio/wav", json::object());
        u["audio_codec"] = "pcm_s16le";
        u["audio_sample_rate"] = 16000;
        u["audio_num_channels"] = 1;
        u["audio_bit_depth"] = 16;
        json answers = {
            {"au1", rangeAnswer("au1", kSpeechHash, "audio", json::parse("[[0, 1500]]"))},
            {"au2", rangeAnswer("au2", kSpeechHash, "audio", json::parse("[[2000, 2500], [3000, 3100]]"))}};
        add(QStringLiteral("audio"), row(i, "audio", unitMap(u), answers), 2, {{kSpeechHash, 2}}, 1);
    }

    // plain_text: character ranges; an HTML file says where with range_html.
    {
        json answers = {{"tx1", rangeAnswer("tx1", kSpeechHash, "text", json::parse("[[10, 25]]"))}};
        ++i;
        add(QStringLiteral("plain_text"),
            row(i, "plain_text",
                unitMap(unit(modalityUnitHash(i), "notes.txt", "text/plain", json::object())), answers),
            1, {{kSpeechHash, 1}}, 1);
        json html = {{"ht1", rangeAnswer("ht1", kSpeechHash, "text",
                                         {{"start", {{"node", "/html/body/p[1]"}, {"offset", 0}}},
                                          {"end", {{"node", "/html/body/p[1]"}, {"offset", 12}}}})},
                     {"ht2", rangeAnswer("ht2", kLesionHash, "text", json::parse("[[40, 41]]"))}};
        ++i;
        add(QStringLiteral("html"),
            row(i, "plain_text", unitMap(unit(modalityUnitHash(i), "page.html", "text/html", json::object())),
                html),
            2, {{kSpeechHash, 1}, {kLesionHash, 1}}, 1);
    }

    // Containers: their children's objects live in spaces, which the root does not count.
    for (const auto &[type, kind] :
         {std::pair{"group", DataType::Group}, std::pair{"dicom_study", DataType::DicomStudy}}) {
        ++i;
        json r =
            row(i, type, unitMap(unit(modalityUnitHash(i), "bundle", "application/json", json::object())));
        r["spaces"] = {
            {"child-1",
             {{"space_type", "image"},
              {"labels", frame(json::array({box("c1", kCarHash, 0.1), box("c2", kCarHash, 0.3)}))}}}};
        add(QString::fromLatin1(type), r, 0, {}, 1);
    }

    // A type Encord adds later: kept by name, counted by the frame rule since its labels are keyed by frame.
    ++i;
    add(QStringLiteral("future type"),
        row(i, "point_cloud",
            unitMap(unit(modalityUnitHash(i), "lidar", "application/octet-stream", framedLabels(kCarHash)))),
        2, {{kCarHash, 2}}, 6);
    return cases;
}

Ontology everyModalityOntology()
{
    Ontology ontology;
    ontology.ontologyHash = QStringLiteral("0b1e5a2c-0000-4000-8000-0000000000ff");
    ontology.title = QStringLiteral("Every modality");
    ontology.objects = {
        OntologyObject{kCarHash, QStringLiteral("Car"), QStringLiteral("bounding_box"),
                       QStringLiteral("#D33115")},
        OntologyObject{kLesionHash, QStringLiteral("Lesion"), QStringLiteral("polygon"),
                       QStringLiteral("#E27300")},
        OntologyObject{kSpeechHash, QStringLiteral("Speech"), QStringLiteral("audio"),
                       QStringLiteral("#16406C")},
    };
    return ontology;
}

QList<ModalityPair> changedModalityPairs()
{
    QList<ModalityPair> pairs;
    const auto add = [&](const QString &name, json source, json target, DataType::Kind kind) {
        target["branch_name"] = "review";
        target["label_hash"] = QString::fromStdString(source.at("label_hash").get<std::string>())
                                   .replace(0, 4, QStringLiteral("2abe"))
                                   .toStdString();
        const QString dataHash = QString::fromStdString(target.at("data_hash").get<std::string>());
        pairs.append({name, std::move(source), std::move(target), DataType(kind), dataHash});
    };
    int i = 200;

    // DICOM: 12 slices; slice 3's lesion moved, slice 7 lost its car, slice 9 gained a lesion.
    {
        ++i;
        const auto series = [&](bool changed) {
            json labels = {
                {"0", frame(json::array({ring("d-les1", kLesionHash, 0.35, 0.4, 0.08)}))},
                {"3", frame(json::array({ring("d-les2", kLesionHash, changed ? 0.58 : 0.52, 0.55, 0.1)}))},
                {"11", frame(json::array({ring("d-les4", kLesionHash, 0.4, 0.6, 0.05)}))}};
            json seven = json::array({ring("d-les1", kLesionHash, 0.36, 0.42, 0.09)});
            if (!changed)
                seven.push_back(box("d-car1", kCarHash, 0.6));
            labels["7"] = frame(seven);
            if (changed)
                labels["9"] = frame(json::array({ring("d-les3", kLesionHash, 0.65, 0.3, 0.07)}));
            labels["0"]["metadata"] = {{"dicom_instance_uid", "1.2.3"}, {"multiframe_frame_number", nullptr}};
            json r =
                row(i, "dicom", unitMap(unit(modalityUnitHash(i), "series", "application/dicom", labels)));
            json objects = json::array();
            for (const char *hash : {"d-les1", "d-les2", "d-les3", "d-les4", "d-car1"})
                objects.push_back({{"objectHash", hash}});
            r["object_answers"] = answersFor(objects);
            r["data_title"] = "chest-ct-series";
            return r;
        };
        add(QStringLiteral("dicom"), series(false), series(true), DataType::Dicom);
    }

    // Audio: milliseconds. au1 the same, au2's first range longer, au3 removed, au4 added.
    {
        ++i;
        const auto audio = [&](bool changed) {
            json u = unit(modalityUnitHash(i), "call.wav", "audio/wav", json::object());
            u["audio_codec"] = "pcm_s16le";
            u["audio_sample_rate"] = 16000;
            u["audio_num_channels"] = 1;
            u["audio_bit_depth"] = 16;
            json answers = {{"au1", rangeAnswer("au1", kSpeechHash, "audio", json::parse("[[0, 1500]]"))},
                            {"au2", rangeAnswer("au2", kSpeechHash, "audio",
                                                json::parse(changed ? "[[2000, 2900], [3200, 3600]]"
                                                                    : "[[2000, 2500], [3200, 3600]]"))}};
            if (changed)
                answers["au4"] = rangeAnswer("au4", kSpeechHash, "audio", json::parse("[[6100, 7400]]"));
            else
                answers["au3"] = rangeAnswer("au3", kSpeechHash, "audio", json::parse("[[4200, 5600]]"));
            json r = row(i, "audio", unitMap(u), answers);
            r["data_title"] = "call.wav";
            return r;
        };
        add(QStringLiteral("audio"), audio(false), audio(true), DataType::Audio);
    }

    // Plain text: characters. tx1 the same, tx2 moved, tx3 removed, tx4 added.
    {
        ++i;
        const auto text = [&](bool changed) {
            json answers = {{"tx1", rangeAnswer("tx1", kSpeechHash, "text", json::parse("[[10, 25]]"))},
                            {"tx2", rangeAnswer("tx2", kLesionHash, "text",
                                                json::parse(changed ? "[[48, 70]]" : "[[40, 60]]"))}};
            if (changed)
                answers["tx4"] = rangeAnswer("tx4", kSpeechHash, "text", json::parse("[[100, 130]]"));
            else
                answers["tx3"] = rangeAnswer("tx3", kSpeechHash, "text", json::parse("[[78, 92]]"));
            json r =
                row(i, "plain_text",
                    unitMap(unit(modalityUnitHash(i), "notes.txt", "text/plain", json::object())), answers);
            r["data_title"] = "notes.txt";
            return r;
        };
        add(QStringLiteral("plain_text"), text(false), text(true), DataType::PlainText);
    }

    // An image with bitmasks: m1 grows, m2 is removed, m3 is added; a box stays the same.
    {
        ++i;
        const auto masks = [&](bool changed) {
            json objects = json::array();
            objects.push_back(box("b-box", kCarHash, 0.05));
            objects.push_back(
                ellipseMask("m1", kLesionHash, 320, 240, 120, 110, changed ? 52 : 40, changed ? 40 : 30));
            if (changed)
                objects.push_back(ellipseMask("m3", kLesionHash, 320, 240, 250, 170, 30, 22));
            else
                objects.push_back(ellipseMask("m2", kCarHash, 320, 240, 230, 70, 35, 25));
            json u = unit(modalityUnitHash(i), "masks.png", "image/png", frame(objects));
            u["width"] = 320;
            u["height"] = 240;
            json r = row(i, "image", unitMap(u));
            r["object_answers"] = answersFor(objects);
            r["data_title"] = "masks.png";
            return r;
        };
        add(QStringLiteral("bitmask"), masks(false), masks(true), DataType::Image);
    }

    // A data group: child-1 lost an object, child-2 is the same, child-3 is new on the target.
    {
        ++i;
        const auto group = [&](bool changed) {
            json r = row(i, "group",
                         unitMap(unit(modalityUnitHash(i), "bundle", "application/json", json::object())));
            json first = json::array({box("c1", kCarHash, 0.1)});
            if (!changed)
                first.push_back(box("c2", kCarHash, 0.3));
            r["spaces"] = {{"child-1",
                            {{"space_type", "image"},
                             {"child_info", {{"layout_key", "front"}, {"file_name", "front.jpg"}}},
                             {"labels", frame(first)}}},
                           {"child-2",
                            {{"space_type", "video"},
                             {"child_info", {{"layout_key", "main-video"}, {"file_name", "drive.mp4"}}},
                             {"labels", {{"0", frame(json::array({box("v1", kCarHash, 0.2)}))}}}}}};
            if (changed)
                r["spaces"]["child-3"] = {
                    {"space_type", "audio"},
                    {"child_info", {{"layout_key", "cabin"}, {"file_name", "cabin.wav"}}},
                    {"labels", json::object()}};
            r["data_title"] = "drive-bundle";
            return r;
        };
        add(QStringLiteral("group"), group(false), group(true), DataType::Group);
    }
    return pairs;
}

} // namespace lb::test
