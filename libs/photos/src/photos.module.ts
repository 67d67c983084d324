import { AccountsModule } from '@marketplace/accounts';
import { StorageModule } from '@marketplace/storage';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Photo } from './photo.entity';
import { PhotoLinks } from './photo-links';
import { PhotoResolver } from './photo.resolver';
import { PhotosController } from './photos.controller';
import { PhotosLoader } from './photos.loader';
import { PhotosService } from './photos.service';

@Module({
  imports: [TypeOrmModule.forFeature([Photo]), AccountsModule, StorageModule],
  controllers: [PhotosController],
  providers: [PhotosService, PhotoLinks, PhotosLoader, PhotoResolver],
  exports: [PhotosService, PhotosLoader],
})
export class PhotosModule {}
