-- How far each user has read each conversation: the inbox's unread markers. A row is
-- written when the user opens the conversation; a newer message by someone else makes it
-- unread again.
CREATE TABLE conversation_reads (
    user_id               INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    conversation_id       INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    last_read_message_id  INTEGER NOT NULL,
    PRIMARY KEY (user_id, conversation_id)
);
