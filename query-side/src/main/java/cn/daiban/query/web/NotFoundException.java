package cn.daiban.query.web;

/** The id in the URL names nothing: 404. */
class NotFoundException extends RuntimeException {

    NotFoundException(String what) {
        super("no " + what);
    }
}
