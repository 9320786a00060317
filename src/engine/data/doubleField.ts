// A field that will hold fractions (or integers beyond V8's small-integer range) is first set to
// this value, then to its real start. Set to a small integer first, V8 would store it as one and
// change the object's shape (deoptimising the code that uses it) the first time a fraction is
// stored, in the middle of the first run; set to a fraction, it is a double from construction.
export const DOUBLE_FIELD = 0.5;
