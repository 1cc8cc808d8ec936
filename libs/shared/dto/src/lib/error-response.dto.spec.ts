import { DECORATORS } from '@nestjs/swagger/dist/constants';
import { ErrorResponseDto } from './error-response.dto';

describe('ErrorResponseDto', () => {
  it('documents every field of the contract error shape', () => {
    const props: string[] = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, ErrorResponseDto.prototype);
    expect(props.map((p) => p.replace(/^:/, ''))).toEqual(['statusCode', 'error', 'message', 'details']);
  });
});
