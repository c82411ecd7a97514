import { graphql } from '../gql/index.js';

/**
 * A partner's write: one unit's answers (survey status and offerings per area) in an imported
 * data set and round. Needs an API key (`headers: { authorization: 'Bearer <key>' }`).
 */
export const SetUnitAnswersDocument = graphql(`
  mutation SetUnitAnswers($input: UnitAnswersInput!) {
    setUnitAnswers(input: $input) {
      changed
      inserted
      updated
      deleted
      round
      dataset { code title synthetic }
      region { code name }
    }
  }
`);

/** Deletes an imported data set and its answers (the owner's key only). */
export const DeleteDatasetDocument = graphql(`
  mutation DeleteDataset($code: String!) {
    deleteDataset(code: $code) { code deleted }
  }
`);

/** The audit trail of an imported data set (its owner's key only), oldest first. */
export const AnswerChangesDocument = graphql(`
  query AnswerChanges($dataset: String!, $after: String, $first: Int = 100) {
    answerChanges(dataset: $dataset, after: $after, first: $first) { cursor at key keyName table region round rowKey old new }
  }
`);
