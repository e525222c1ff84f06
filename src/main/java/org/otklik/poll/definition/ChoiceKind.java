package org.otklik.poll.definition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.otklik.common.LocalizedText;
import org.otklik.common.problem.FieldErrors;
import org.otklik.poll.BallotRequest.AnswerRequest;
import org.otklik.poll.PollResultsCsv;
import org.otklik.poll.PollResultsView.OptionResult;
import org.otklik.poll.PollResultsView.QuestionResult;
import org.otklik.poll.definition.PollRequest.QuestionRequest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** SINGLE (exactly one option) and MULTIPLE (between min and max options) questions. */
final class ChoiceKind implements QuestionKind {

    static final int MAX_OPTIONS = 50;
    private static final Pattern OPTION_CODE = Pattern.compile("[a-z0-9_-]{1,32}");

    private final boolean multiple;

    ChoiceKind(boolean multiple) {
        this.multiple = multiple;
    }

    @Override
    public Question define(QuestionRequest request, String id, LocalizedText title, boolean required, String pointer,
            FieldErrors errors) {
        QuestionType type = request.type();
        if (!multiple) {
            QuestionKind.refuse(request.min(), pointer + "/min", type, errors);
            QuestionKind.refuse(request.max(), pointer + "/max", type, errors);
        }
        QuestionKind.refuse(request.scale(), pointer + "/scale", type, errors);
        QuestionKind.refuse(request.maxLength(), pointer + "/maxLength", type, errors);
        List<PollOption> options = options(request.options(), pointer + "/options", errors);
        if (!multiple) {
            return new Question(id, type, title, required, null, null, null, null, options);
        }
        int count = options == null ? 0 : options.size();
        int min = request.min() == null ? 1 : request.min();
        int max = request.max() == null ? Math.max(count, 1) : request.max();
        if (min < 1) {
            errors.add(pointer + "/min", "must be at least 1");
        } else if (min > max) {
            errors.add(pointer + "/min", "must not be greater than max");
        }
        if (options != null && max > count) {
            errors.add(pointer + "/max", "must not exceed the number of options (" + count + ")");
        }
        return new Question(id, type, title, required, min, max, null, null, options);
    }

    private static List<PollOption> options(List<PollOption> requested, String pointer, FieldErrors errors) {
        if (requested == null || requested.size() < 2) {
            errors.add(pointer, "a choice question needs at least 2 options");
            return null;
        }
        if (requested.size() > MAX_OPTIONS) {
            errors.add(pointer, "a question has at most " + MAX_OPTIONS + " options");
            return null;
        }
        List<PollOption> options = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            PollOption option = requested.get(i);
            String at = pointer + "/" + i;
            if (option == null) {
                errors.add(at, "must be an object");
                continue;
            }
            if (option.code() == null || !OPTION_CODE.matcher(option.code()).matches()) {
                errors.add(at + "/code", "must be 1–32 characters of a-z, 0-9, '_' or '-'");
            } else if (!codes.add(option.code())) {
                errors.add(at + "/code", "is not unique within the question");
            }
            PollDefinitionValidator.text(option.title(), at + "/title", 300, true, errors);
            options.add(new PollOption(option.code(), PollDefinitionValidator.trimmed(option.title())));
        }
        return List.copyOf(options);
    }

    @Override
    public void checkAnswer(Question question, AnswerRequest answer, String pointer, FieldErrors errors) {
        QuestionType type = question.type();
        QuestionKind.refuse(answer.rating(), pointer + "/rating", type, errors);
        QuestionKind.refuse(answer.text(), pointer + "/text", type, errors);
        List<String> codes = answer.optionCodes();
        if (codes == null) {
            errors.add(pointer + "/optionCodes", "must be present for a " + type + " question");
            return;
        }
        int min = multiple ? question.min() : 1;
        int max = multiple ? question.max() : 1;
        if (codes.size() < min || codes.size() > max) {
            errors.add(pointer + "/optionCodes", min == max ? "choose exactly " + min
                    : "choose between " + min + " and " + max + " options");
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < codes.size(); j++) {
            String code = codes.get(j);
            if (code == null || !question.hasOption(code)) {
                errors.add(pointer + "/optionCodes/" + j, "this question has no such option");
            } else if (!seen.add(code)) {
                errors.add(pointer + "/optionCodes/" + j, "chosen twice");
            }
        }
    }

    @Override
    public void record(Question question, AnswerRequest answer, JsonObject entry, Tally.Keys keys) {
        entry.put("optionCodes", new JsonArray(List.copyOf(answer.optionCodes())));
        answer.optionCodes().forEach(code -> keys.chosen(question.id(), code));
    }

    @Override
    public QuestionResult result(Question question, Tally tally) {
        long answered = tally.answered(question.id());
        return new QuestionResult(question.id(), question.type(), question.title(), answered,
                question.options().stream().map(option -> {
                    long count = tally.chosen(question.id(), option.code());
                    return new OptionResult(option.code(), option.title(), count,
                            QuestionKind.ratio(count, answered, 10_000));
                }).toList(), null, null);
    }

    @Override
    public void writeCsv(QuestionResult result, PollResultsCsv.AnswerRows rows) {
        result.options().forEach(option -> rows.add(option.code(), option.title().ru(), Long.toString(option.count()),
                PollResultsCsv.decimal(option.share())));
    }
}
